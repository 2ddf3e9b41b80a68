namespace Counseling.Domain.Cases;

// Every event is a fact about one case, in the past tense. Once stored, an event's shape never changes:
// a new shape gets a new event (or an upcaster), so old streams stay readable.

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
