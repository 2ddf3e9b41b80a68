using Counseling.Domain.Cases.Benefit;

namespace Counseling.Domain.Cases.Closure;

public sealed record CloseCase(ClosureReason Reason, string Notes) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Close(this, now);
}

public sealed record ReopenCase(string Reason) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Reopen(this, now);
}

internal static class ClosureDecisions
{
    internal static Decision Close(this CounselingCase current, CloseCase command, DateTimeOffset now)
    {
        if (current.IsClosed) return Refusal.Conflict($"The case is already closed ({current.ClosedBecause}).");
        if (command.Reason == ClosureReason.Placed && !current.IsPlaced)
            return Refusal.Conflict("The case can be closed as placed only after a placement is recorded.");
        if (command.Reason == ClosureReason.SelfEmployed && !current.IsSelfEmployed)
            return Refusal.Conflict("The case can be closed as self-employed only after self-employment is recorded.");

        if (command.Reason == ClosureReason.BenefitPeriodEnded
            && JkpBenefit.For(current, Wib.DateOf(now)) is { EndedBecause: null } running)
            return Refusal.NotAllowed(
                $"The JKP benefit period runs until {running.PeriodEnd:yyyy-MM-dd} (six months from the claim of " +
                $"{running.ClaimedOn:yyyy-MM-dd}, {BenefitRuleSets.Find(running.RuleSet)!.AmountSource}): the case can be closed as " +
                "'benefitPeriodEnded' only after that day, or once the benefit has ended otherwise.", "reason");

        return Decision.Accept(new CaseClosed(command.Reason, Wib.DateOf(now), command.Notes));
    }

    internal static Decision Reopen(this CounselingCase current, ReopenCase command, DateTimeOffset now) =>
        current.IsClosed
            ? Decision.Accept(new CaseReopened(command.Reason, Wib.DateOf(now)))
            : Refusal.Conflict("The case is open: only a closed case can be reopened.");
}
