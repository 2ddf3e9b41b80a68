using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.JobSearch;

// The step's events are declared in Counseling.Domain.Cases, the namespace they were stored under; its command and
// decision below.

namespace Counseling.Domain.Cases
{
    /// <summary>The worker committed to look for work actively (komitmen aktivitas pencarian kerja), as the benefit requires.</summary>
    public sealed record JobSearchCommitmentMade(DateOnly CommittedOn) : IBenefitEvent, INarrated
    {
        public BenefitHistory Apply(BenefitHistory current) => current with { JobSearchCommittedOn = CommittedOn };

        public Narration Narrate() => Narration.Of("Narrative.JobSearchCommitment", CommittedOn);
    }

    /// <summary>
    /// Evidence of job search: an application, an interview or selection-test call, training attendance, or the
    /// employment-status report. <paramref name="Employer"/> and <paramref name="Programme"/> are free text.
    /// </summary>
    public sealed record JobSearchActivityRecorded(
        Guid ActivityId,
        JobSearchActivityKind Kind,
        DateOnly On,
        string? Employer,
        string? Programme,
        int? AttendancePercent) : IBenefitEvent, INarrated
    {
        // The benefit keeps the evidence's kind, day and attendance only: the employer and programme are the worker's free text.
        public BenefitHistory Apply(BenefitHistory current) => current with
        {
            JobSearchActivities = [.. current.JobSearchActivities, new JobSearchActivity(ActivityId, Kind, On, null, null, AttendancePercent)],
        };

        public Narration Narrate() => Narration.Of("Narrative.JobSearchActivity", On, Kind)
            .Then(Employer is not null, "Narrative.AtEmployer", Employer)
            .Then(Programme is not null, "Narrative.InProgramme", Programme)
            .ThenOrStop(AttendancePercent is not null, "Narrative.Attendance", AttendancePercent);
    }
}

namespace Counseling.Domain.Cases.JobSearch
{
    /// <summary>The worker commits to look for work actively: every benefit month needs it.</summary>
    public sealed record MakeJobSearchCommitment(DateOnly CommittedOn) : ICaseCommand
    {
        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Commit(this, now);
    }

    /// <summary>One piece of evidence of job search, dated when it happened.</summary>
    public sealed record RecordJobSearchActivity(
        Guid ActivityId,
        JobSearchActivityKind Kind,
        DateOnly On,
        string? Employer,
        string? Programme,
        int? AttendancePercent) : ICaseCommand
    {
        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Record(this, now);
    }

    internal static class JobSearchDecisions
    {
        internal static Decision Commit(this CounselingCase current, MakeJobSearchCommitment command, DateTimeOffset now)
        {
            if (current.MustBeOpen(Why.ToRecordCommitment) is { } closed) return closed;
            if (current.Benefit!.JobSearchCommittedOn is { } committed)
                return Refusal.Conflict(Why.AlreadyCommitted, committed);
            if (command.CommittedOn > Wib.DateOf(now))
                return Refusal.Invalid("committedOn", Why.InTheFuture, command.CommittedOn);
            var claim = current.Benefit!.Claim;
            if (command.CommittedOn < claim.TerminationDate)
                return Refusal.Invalid("committedOn", Why.BeforePhk, command.CommittedOn, claim.TerminationDate);
            if (EndedBefore(current, command.CommittedOn, now) is { } ended) return ended;

            return Decision.Accept(new JobSearchCommitmentMade(command.CommittedOn));
        }

        internal static Decision Record(this CounselingCase current, RecordJobSearchActivity command, DateTimeOffset now)
        {
            if (current.MustBeOpen(Why.ToRecordJobSearch) is { } closed) return closed;
            if (command.On > Wib.DateOf(now)) return Refusal.Invalid("on", Why.InTheFuture, command.On);
            if (current.Benefit!.JobSearchCommittedOn is null)
                return Refusal.Conflict(Why.CommitmentFirst);
            var claim = current.Benefit!.Claim;
            if (command.On < claim.ClaimedOn)
                return Refusal.Invalid("on", Why.BeforeClaim, command.On, claim.ClaimedOn);
            if (EndedBefore(current, command.On, now) is { } ended) return ended;
            var schedule = JkpBenefit.For(current, Wib.DateOf(now))!;
            if (command.On > schedule.PeriodEnd)
                return Refusal.Invalid("on", Why.AfterBenefitPeriod, command.On, schedule.PeriodEnd);

            return Decision.Accept(new JobSearchActivityRecorded(
                command.ActivityId, command.Kind, command.On, command.Employer, command.Programme, command.AttendancePercent));
        }

        /// <summary>
        /// Once the right is lost (new employment, death, no claim in time) nothing dated from then counts towards the
        /// benefit. The period running out is not such an end: evidence of its months may be recorded after it.
        /// </summary>
        private static Refusal? EndedBefore(CounselingCase current, DateOnly on, DateTimeOffset now) =>
            JkpBenefit.For(current, Wib.DateOf(now)) is { EndedOn: { } ended, EndedBecause: { } because }
            && (because == BenefitEndReason.NotClaimedInTime || (because != BenefitEndReason.PeriodOver && on >= ended))
                ? Refusal.Conflict(Why.BenefitEnded, ended, because)
                : null;
    }

    /// <summary>
    /// The job-search evidence of a case as its events record it, with the employer or programme typed in: the case view
    /// lists it. The case keeps only what the benefit is decided on (<see cref="Benefit.BenefitHistory"/>).
    /// </summary>
    public static class JobSearchLog
    {
        public static readonly Type[] EventTypes = [typeof(JobSearchActivityRecorded)];

        public static IReadOnlyList<JobSearchActivity> From(IEnumerable<object> events) =>
        [
            .. events.OfType<JobSearchActivityRecorded>().Select(a =>
                new JobSearchActivity(a.ActivityId, a.Kind, a.On, a.Employer, a.Programme, a.AttendancePercent)),
        ];
    }
}
