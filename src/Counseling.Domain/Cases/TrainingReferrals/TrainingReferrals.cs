namespace Counseling.Domain.Cases.TrainingReferrals;

public sealed record ReferToTraining(Guid ReferralId, string Provider, string Programme, TrainingKind Kind, DateOnly StartsOn) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Refer(this, now);
}

public sealed record RecordTrainingOutcome(Guid ReferralId, TrainingOutcome Outcome, DateOnly On) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now) => current.RecordOutcome(this, now);
}

internal static class TrainingReferralDecisions
{
    private static readonly IReadOnlySet<TrainingOutcome> CompetencyTestOutcomes =
        new HashSet<TrainingOutcome> { TrainingOutcome.CertifiedCompetent, TrainingOutcome.NotYetCompetent };

    /// <summary>Refers the worker to training today; the training itself may start later.</summary>
    internal static Decision Refer(this CounselingCase current, ReferToTraining command, DateTimeOffset now)
    {
        if (current.MustBeOpen("referring the worker to training") is { } closed) return closed;
        if (command.StartsOn < current.OpenedOn)
            return Refusal.Invalid("startsOn", $"The training starts before the case was opened on {current.OpenedOn:yyyy-MM-dd}.");

        return Decision.Accept(new TrainingReferralMade(
            command.ReferralId, command.Provider, command.Programme, command.Kind, command.StartsOn, Wib.DateOf(now)));
    }

    internal static Decision RecordOutcome(this CounselingCase current, RecordTrainingOutcome command, DateTimeOffset now)
    {
        if (current.MustBeOpen("recording a training outcome") is { } closed) return closed;

        var referral = current.TrainingReferrals.FirstOrDefault(r => r.Id == command.ReferralId);
        if (referral is null)
            return Refusal.NotFound("referralId", $"The case has no training referral {command.ReferralId}.");
        if (!referral.IsOpen)
            return Refusal.Conflict($"The training referral to {referral.Programme} already ended ({referral.Outcome}).");
        if (referral.Outcome == command.Outcome)
            return Refusal.Conflict($"The training {referral.Programme} is already recorded as {command.Outcome}.");

        var isTest = referral.Kind == TrainingKind.CompetencyTest;
        if (isTest != CompetencyTestOutcomes.Contains(command.Outcome))
            return Refusal.NotAllowed(isTest
                ? $"A competency test ends as {TrainingOutcome.CertifiedCompetent} or {TrainingOutcome.NotYetCompetent}, not {command.Outcome}."
                : $"A {referral.Kind} is {TrainingOutcome.Started}, {TrainingOutcome.Completed} or {TrainingOutcome.DroppedOut}; {command.Outcome} is for competency tests.",
                "outcome");
        if (current.MustHaveHappened(command.On, "on", now) is { } badDate) return badDate;
        if (command.On < referral.ReferredOn)
            return Refusal.Invalid("on", $"The outcome is dated before the referral was made ({referral.ReferredOn:yyyy-MM-dd}).");

        return Decision.Accept(new TrainingReferralOutcomeRecorded(command.ReferralId, command.Outcome, command.On));
    }
}
