using Counseling.Domain.Cases.Benefit;

namespace Counseling.Domain.Cases.JobSearch;

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
        if (current.MustBeOpen("recording the job-search commitment") is { } closed) return closed;
        if (current.JobSearchCommittedOn is { } committed)
            return Refusal.Conflict($"The worker already committed to the job search on {committed:yyyy-MM-dd}.");
        if (command.CommittedOn > Wib.DateOf(now))
            return Refusal.Invalid("committedOn", $"{command.CommittedOn:yyyy-MM-dd} is in the future.");
        var claim = current.Claim!;
        if (command.CommittedOn < claim.TerminationDate)
            return Refusal.Invalid("committedOn", $"{command.CommittedOn:yyyy-MM-dd} is before the PHK on {claim.TerminationDate:yyyy-MM-dd}.");
        if (EndedBefore(current, command.CommittedOn, now) is { } ended) return ended;

        return Decision.Accept(new JobSearchCommitmentMade(command.CommittedOn));
    }

    internal static Decision Record(this CounselingCase current, RecordJobSearchActivity command, DateTimeOffset now)
    {
        if (current.MustBeOpen("recording job-search activities") is { } closed) return closed;
        if (command.On > Wib.DateOf(now)) return Refusal.Invalid("on", $"{command.On:yyyy-MM-dd} is in the future.");
        if (current.JobSearchCommittedOn is null)
            return Refusal.Conflict("Record the worker's job-search commitment first: the evidence counts towards it.");
        var claim = current.Claim!;
        if (command.On < claim.ClaimedOn)
            return Refusal.Invalid("on", $"{command.On:yyyy-MM-dd} is before the JKP claim of {claim.ClaimedOn:yyyy-MM-dd}: evidence counts from the claim.");
        if (EndedBefore(current, command.On, now) is { } ended) return ended;
        var schedule = JkpBenefit.For(current, Wib.DateOf(now))!;
        if (command.On > schedule.PeriodEnd)
            return Refusal.Invalid("on", $"{command.On:yyyy-MM-dd} is after the benefit period, which ended on {schedule.PeriodEnd:yyyy-MM-dd}.");

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
            ? Refusal.Conflict($"The JKP benefit ended on {ended:yyyy-MM-dd} ({because}): nothing from then on counts towards it.")
            : null;
}
