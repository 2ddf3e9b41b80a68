namespace Counseling.Domain.Cases.JobReferrals;

public sealed record ReferToJob(Guid ReferralId, string VacancyReference, string Employer, string Position, DateOnly ReferredOn) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Refer(this, now);
}

public sealed record RecordJobReferralOutcome(Guid ReferralId, JobReferralOutcome Outcome, DateOnly On) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now) => current.RecordOutcome(this, now);
}

internal static class JobReferralDecisions
{
    internal static Decision Refer(this CounselingCase current, ReferToJob command, DateTimeOffset now) =>
        CaseRules.FirstRefusalOr(
            new JobReferralMade(command.ReferralId, command.VacancyReference, command.Employer, command.Position, command.ReferredOn),
            current.MustBeOpen("referring the worker to a vacancy"),
            current.MustHaveHappened(command.ReferredOn, "referredOn", now));

    internal static Decision RecordOutcome(this CounselingCase current, RecordJobReferralOutcome command, DateTimeOffset now)
    {
        if (current.MustBeOpen("recording a referral outcome") is { } closed) return closed;

        var referral = current.JobReferrals.FirstOrDefault(r => r.Id == command.ReferralId);
        if (referral is null)
            return Refusal.NotFound("referralId", $"The case has no job referral {command.ReferralId}.");
        if (!referral.IsOpen)
            return Refusal.Conflict($"The job referral to {referral.Employer} already ended ({referral.Outcome}).");
        if (referral.Outcome == command.Outcome)
            return Refusal.Conflict($"The job referral to {referral.Employer} already has the outcome {command.Outcome}.");
        if (current.MustHaveHappened(command.On, "on", now) is { } badDate) return badDate;
        if (command.On < referral.ReferredOn)
            return Refusal.Invalid("on", $"The outcome is dated before the referral was made ({referral.ReferredOn:yyyy-MM-dd}).");

        return Decision.Accept(new JobReferralOutcomeRecorded(command.ReferralId, command.Outcome, command.On));
    }
}
