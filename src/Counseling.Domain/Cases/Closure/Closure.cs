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
        if (current.IsClosed) return Refusal.Conflict(Why.AlreadyClosed, current.ClosedBecause);
        if (command.Reason == ClosureReason.Placed && !current.IsPlaced)
            return Refusal.Conflict(Why.ClosedAsPlacedTooSoon);
        if (command.Reason == ClosureReason.SelfEmployed && !current.IsSelfEmployed)
            return Refusal.Conflict(Why.ClosedAsSelfEmployedTooSoon);

        if (command.Reason == ClosureReason.BenefitPeriodEnded
            && JkpBenefit.For(current, Wib.DateOf(now)) is { EndedBecause: null } running)
            return Refusal.NotAllowed("reason", Why.BenefitPeriodRunning, running.PeriodEnd, running.ClaimedOn,
                BenefitRuleSets.Find(running.RuleSet)!.Quoted(nameof(BenefitRuleSet.AmountSource)));

        return Decision.Accept(new CaseClosed(command.Reason, Wib.DateOf(now), command.Notes));
    }

    internal static Decision Reopen(this CounselingCase current, ReopenCase command, DateTimeOffset now) =>
        current.IsClosed
            ? Decision.Accept(new CaseReopened(command.Reason, Wib.DateOf(now)))
            : Refusal.Conflict(Why.NotClosed);
}
