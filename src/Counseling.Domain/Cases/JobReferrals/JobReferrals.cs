using Counseling.Domain.Cases.JobReferrals;

// The step's events are declared in Counseling.Domain.Cases, the namespace they were stored under; its command and
// decision below.

namespace Counseling.Domain.Cases
{
    /// <summary>The worker was referred to a vacancy.</summary>
    public sealed record JobReferralMade(
        Guid ReferralId,
        string VacancyReference,
        string Employer,
        string Position,
        DateOnly ReferredOn) : IReferralMade, ICaseEvent, INarrated
    {
        public CounselingCase Apply(CounselingCase current) => current with
        {
            JobReferrals = [.. current.JobReferrals,
                new JobReferral(ReferralId, Employer, Position, ReferredOn, null)],
        };

        public Narration Narrate() => Narration.Of("Narrative.JobReferral", ReferredOn, Position, Employer, VacancyReference);
    }

    public sealed record JobReferralOutcomeRecorded(Guid ReferralId, JobReferralOutcome Outcome, DateOnly On) : ICaseEvent, INarrated
    {
        public CounselingCase Apply(CounselingCase current) => current with
        {
            JobReferrals = [.. current.JobReferrals.Select(r => r.Id == ReferralId ? r with { Outcome = Outcome } : r)],
        };

        public Narration Narrate() => Narration.Of("Narrative.JobReferralOutcome", ReferralId, Outcome, On);
    }
}

namespace Counseling.Domain.Cases.JobReferrals
{
    public sealed record ReferToJob(Guid ReferralId, string VacancyReference, string Employer, string Position, DateOnly ReferredOn) : ICaseCommand
    {
        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Refer(this, now);
    }

    public sealed record RecordJobReferralOutcome(Guid ReferralId, JobReferralOutcome Outcome, DateOnly On) : IRecordReferralOutcome<JobReferralOutcome>
    {
        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.RecordOutcome(this, now);
    }

    internal static class JobReferralDecisions
    {
        internal static Decision Refer(this CounselingCase current, ReferToJob command, DateTimeOffset now) =>
            CaseRules.FirstRefusalOr(
                new JobReferralMade(command.ReferralId, command.VacancyReference, command.Employer, command.Position, command.ReferredOn),
                current.MustBeOpen(Why.ToReferToVacancy),
                current.MustHaveHappened(command.ReferredOn, "referredOn", now));

        private static readonly ReferralKind<JobReferral, JobReferralOutcome> Vacancies = new(
            current => current.JobReferrals, referral => referral.Employer,
            (referralId, outcome, on) => new JobReferralOutcomeRecorded(referralId, outcome, on),
            Why.ToRecordReferralOutcome, Why.NoSuchJobReferral, Why.JobReferralEnded, Why.JobReferralHasOutcome);

        internal static Decision RecordOutcome(this CounselingCase current, RecordJobReferralOutcome command, DateTimeOffset now) =>
            Vacancies.RecordOutcome(current, command, now);
    }
}
