namespace Counseling.Domain.Cases;

// Every event is a fact about one case, in the past tense. Once stored, an event's shape never changes:
// a new shape gets a new event (or an upcaster), so old streams stay readable.

/// <summary>The worker: NIK, name, birth date, phone and BPJS Ketenagakerjaan membership number.</summary>
public sealed record WorkerDetails(
    string Nik,
    string FullName,
    DateOnly BirthDate,
    string Phone,
    string BpjsMembershipNumber);

public sealed record EndedEmployment(
    string Employer,
    string LastPosition,
    DateOnly TerminationDate,
    TerminationReason TerminationReason,
    long LastMonthlyWageRupiah);

/// <summary>Intake: a laid-off worker's JKP claim became a counseling case.</summary>
public sealed record CaseOpened(
    Guid CaseId,
    string OfficeId,
    string CounselorId,
    WorkerDetails Worker,
    EndedEmployment Employment,
    string JkpClaimReference,
    int ContributionMonths,
    DateTimeOffset OpenedAt);

/// <summary>A counselor met the worker (in person, by phone or by video) and wrote down what was covered.</summary>
public sealed record CounselingSessionLogged(
    Guid SessionId,
    DateTimeOffset HeldAt,
    SessionMode Mode,
    int DurationMinutes,
    IReadOnlyList<SessionTopic> Topics,
    string Notes,
    DateOnly? NextFollowUpOn);

/// <summary>The worker's self-assessment (asesmen diri) was recorded; a case may be re-assessed.</summary>
public sealed record SelfAssessmentRecorded(
    Guid AssessmentId,
    DateOnly AssessedOn,
    EducationLevel EducationLevel,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> Interests,
    string WorkPreferences,
    IReadOnlyList<string> RecommendedOccupations,
    Readiness Readiness);

/// <summary>The worker was referred to a vacancy.</summary>
public sealed record JobReferralMade(
    Guid ReferralId,
    string VacancyReference,
    string Employer,
    string Position,
    DateOnly ReferredOn);

public sealed record JobReferralOutcomeRecorded(Guid ReferralId, JobReferralOutcome Outcome, DateOnly On);

/// <summary>The worker was referred to training: a BLK course, an apprenticeship or a competency test.</summary>
public sealed record TrainingReferralMade(
    Guid ReferralId,
    string Provider,
    string Programme,
    TrainingKind Kind,
    DateOnly StartsOn,
    DateOnly ReferredOn);

public sealed record TrainingReferralOutcomeRecorded(Guid ReferralId, TrainingOutcome Outcome, DateOnly On);

/// <summary>The worker started a job.</summary>
public sealed record WorkerPlaced(
    Guid PlacementId,
    string Employer,
    string Position,
    DateOnly StartsOn,
    long MonthlyWageRupiah,
    ContractType ContractType,
    Guid? JobReferralId);

/// <summary>The worker started a business of their own (wirausaha).</summary>
public sealed record SelfEmploymentStarted(string BusinessType, DateOnly StartsOn);

/// <summary>Three months or more after a placement, the counselor checked whether the worker still has the job.</summary>
public sealed record PlacementFollowedUp(Guid PlacementId, DateOnly On, bool StillEmployed, string Notes);

public sealed record CaseClosed(ClosureReason Reason, DateOnly On, string Notes);

public sealed record CaseReopened(string Reason, DateOnly On);

public sealed record CaseReassigned(string FromCounselorId, string ToCounselorId, string Reason, DateOnly On);

/// <summary>
/// Under UU 27/2022 the worker asked for their personal data to be erased: their NIK and phone number are now
/// unreadable everywhere. The journey itself, and the statistics built on it, stay.
/// </summary>
public sealed record WorkerPersonalDataErased(string RequestReference, DateOnly On);
