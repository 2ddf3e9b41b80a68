using System.Globalization;
using Counseling.Domain.Cases.Erasure;

namespace Counseling.Domain.Cases;

// Every event is a fact about one case, in the past tense. Once stored, an event's shape never changes:
// a new shape gets a new event (or an upcaster), so old streams stay readable.

/// <summary>The worker committed to look for work actively (komitmen aktivitas pencarian kerja), as the benefit requires.</summary>
public sealed record JobSearchCommitmentMade(DateOnly CommittedOn) : INarrated
{
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
    int? AttendancePercent) : INarrated
{
    public Narration Narrate() => Narration.Of("Narrative.JobSearchActivity", On, Kind)
        .Then(Employer is not null, "Narrative.AtEmployer", Employer)
        .Then(Programme is not null, "Narrative.InProgramme", Programme)
        .ThenOrStop(AttendancePercent is not null, "Narrative.Attendance", AttendancePercent);
}

/// <summary>A counselor met the worker (in person, by phone or by video) and wrote down what was covered.</summary>
public sealed record CounselingSessionLogged(
    Guid SessionId,
    DateTimeOffset HeldAt,
    SessionMode Mode,
    int DurationMinutes,
    IReadOnlyList<SessionTopic> Topics,
    [property: PersonalData] string Notes,
    DateOnly? NextFollowUpOn) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with
    {
        NextFollowUpOn = NextFollowUpOn,
        SessionsCount = current.SessionsCount + 1,
        LastContactAt = CounselingCase.Latest(current.LastContactAt, HeldAt),
    };

    public Narration Narrate() => Narration.Of("Narrative.SessionLogged", Mode, DurationMinutes, HeldAt, Topics)
        .ThenOrStop(NextFollowUpOn is not null, "Narrative.NextFollowUp", NextFollowUpOn);
}

/// <summary>The worker's self-assessment (asesmen diri) was recorded; a case may be re-assessed.</summary>
public sealed record SelfAssessmentRecorded(
    Guid AssessmentId,
    DateOnly AssessedOn,
    EducationLevel EducationLevel,
    [property: PersonalData] IReadOnlyList<string> Skills,
    [property: PersonalData] IReadOnlyList<string> Interests,
    [property: PersonalData] string WorkPreferences,
    IReadOnlyList<string> RecommendedOccupations,
    Readiness Readiness) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with { Readiness = Readiness };

    public Narration Narrate() => Narration.Of("Narrative.SelfAssessment", AssessedOn, Readiness, EducationLevel)
        .ThenOrStop(RecommendedOccupations.Count > 0, "Narrative.RecommendedOccupations", string.Join(", ", RecommendedOccupations));
}

/// <summary>A referral of either kind: what its outcomes are recorded against.</summary>
public interface IReferralMade
{
    Guid ReferralId { get; }
}

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

/// <summary>The worker was referred to training: a BLK course, an apprenticeship or a competency test.</summary>
public sealed record TrainingReferralMade(
    Guid ReferralId,
    string Provider,
    string Programme,
    TrainingKind Kind,
    DateOnly StartsOn,
    DateOnly ReferredOn) : IReferralMade, ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with
    {
        TrainingReferrals = [.. current.TrainingReferrals,
            new TrainingReferral(
                ReferralId, Provider, Programme, Kind, StartsOn, ReferredOn, null)],
    };

    public Narration Narrate() => Narration.Of("Narrative.TrainingReferral", ReferredOn, Kind, Programme, Provider, StartsOn);
}

public sealed record TrainingReferralOutcomeRecorded(Guid ReferralId, TrainingOutcome Outcome, DateOnly On) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with
    {
        TrainingReferrals = [.. current.TrainingReferrals.Select(r => r.Id == ReferralId ? r with { Outcome = Outcome } : r)],
    };

    public Narration Narrate() => Narration.Of("Narrative.TrainingReferralOutcome", ReferralId, Outcome, On);
}

/// <summary>The worker started a job.</summary>
public sealed record WorkerPlaced(
    Guid PlacementId,
    string Employer,
    string Position,
    DateOnly StartsOn,
    long MonthlyWageRupiah,
    ContractType ContractType,
    Guid? JobReferralId) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with
    {
        Placement = new Placement(PlacementId, Employer, Position, StartsOn, MonthlyWageRupiah, null),
    };

    public Narration Narrate() => Narration.Of("Narrative.Placed", Position, Employer, StartsOn, ContractType, MonthlyWageRupiah)
        .ThenOrStop(JobReferralId is not null, "Narrative.ThroughReferral", JobReferralId);
}

/// <summary>The worker started a business of their own (wirausaha).</summary>
public sealed record SelfEmploymentStarted(string BusinessType, DateOnly StartsOn) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with { SelfEmployedSince = StartsOn };

    public Narration Narrate() => Narration.Of("Narrative.SelfEmployment", BusinessType, StartsOn);
}

/// <summary>Three months or more after a placement, the counselor checked whether the worker still has the job.</summary>
public sealed record PlacementFollowedUp(Guid PlacementId, DateOnly On, bool StillEmployed, [property: PersonalData] string Notes) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with
    {
        Placement = current.Placement! with { StillEmployed = StillEmployed },
    };

    public Narration Narrate() => Narration.Of("Narrative.PlacementFollowedUp", On,
        Narration.Of(StillEmployed ? "Narrative.StillEmployed" : "Narrative.NoLongerEmployed"));
}

/// <summary>
/// The case was closed on <paramref name="On"/>. <paramref name="DiedOn"/>: for a closure as <see cref="ClosureReason.Died"/>,
/// the day of death, from which the JKP right lapses (PP 6/2025 Pasal 40); closures stored before it was recorded have none,
/// and their day of death is taken to be the closure day.
/// </summary>
public sealed record CaseClosed(ClosureReason Reason, DateOnly On, [property: PersonalData] string Notes, DateOnly? DiedOn = null) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with
    {
        ClosedBecause = Reason,
        NextFollowUpOn = null,
    };

    public Narration Narrate() => DiedOn is { } died
        ? Narration.Of("Narrative.ClosedAfterDeath", On, died)
        : Narration.Of("Narrative.Closed", On, Reason);
}

public sealed record CaseReopened([property: PersonalData] string Reason, DateOnly On) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with { ClosedBecause = null };

    public Narration Narrate() => Narration.Of("Narrative.Reopened", On, Reason);
}

public sealed record CaseReassigned(string FromCounselorId, string ToCounselorId, [property: PersonalData] string Reason, DateOnly On) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with { CounselorId = ToCounselorId };

    public Narration Narrate() => Narration.Of("Narrative.Reassigned", On, FromCounselorId, ToCounselorId, Reason);
}

/// <summary>
/// Under UU 27/2022 the worker asked for their personal data to be erased: their identity and every free-text note
/// of the case are now unreadable everywhere. The journey itself, and the statistics built on it, stay.
/// </summary>
public sealed record WorkerPersonalDataErased(string RequestReference, DateOnly On) : ICaseEvent
{
    public CounselingCase Apply(CounselingCase current) => current with { PersonalDataErasedOn = On, PendingErasure = null };
}

/// <summary>
/// A worker's erasure request under UU 27/2022 (Pasal 8, the right to have personal data erased) was taken in by
/// <paramref name="RequestedBy"/>. Nothing is erased yet: an erasure cannot be undone, so a second person, an
/// administrator other than the one who took it in, approves it first (<see cref="WorkerPersonalDataErasureApproved"/>).
/// </summary>
public sealed record WorkerPersonalDataErasureRequested(string RequestReference, string RequestedBy, DateOnly On) : ICaseEvent
{
    public CounselingCase Apply(CounselingCase current) => current with
    {
        PendingErasure = new PendingErasure(RequestReference, RequestedBy, On),
    };
}

/// <summary>
/// An administrator other than the requester approved the pending erasure request; <see cref="WorkerPersonalDataErased"/>
/// is appended with it. Cases erased before approvals existed have only the erasure.
/// </summary>
public sealed record WorkerPersonalDataErasureApproved(string RequestReference, string ApprovedBy, DateOnly On);
