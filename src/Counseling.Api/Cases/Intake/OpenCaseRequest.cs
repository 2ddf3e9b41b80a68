using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Intake;

namespace Counseling.Api.Cases.Intake;

// Request bodies keep every field nullable so that a missing field is reported by name with the others,
// instead of failing deserialization at the first one.

/// <summary>The worker: NIK, name, birth date, phone and BPJS Ketenagakerjaan membership number (stored encrypted).</summary>
public sealed record WorkerRequest(
    string? Nik,
    string? FullName,
    DateOnly? BirthDate,
    string? Phone,
    string? BpjsMembershipNumber);

/// <summary>The employment that ended: employer, last position, termination date and reason, last monthly wage.</summary>
public sealed record EmploymentRequest(
    string? Employer,
    string? LastPosition,
    DateOnly? TerminationDate,
    TerminationReason? TerminationReason,
    long? LastMonthlyWage);

/// <summary>The JKP contribution months BPJS Ketenagakerjaan reports for the claim.</summary>
public sealed record ContributionHistoryRequest(int? MonthsPaidInLast24Months, int? ConsecutiveMonthsBeforeTermination);

/// <summary>Intake: the office and counselor, the worker, the ended employment and the worker's JKP claim.</summary>
/// <param name="ClaimedOn">When the JKP claim was made; the intake day when left out.</param>
/// <param name="ContributionHistory">What the entitlement is decided on (PP 37/2021 Pasal 19); when left out, only
/// <paramref name="ContributionMonths"/> is checked.</param>
public sealed record OpenCaseRequest(
    string? OfficeId,
    string? CounselorId,
    WorkerRequest? Worker,
    EmploymentRequest? Employment,
    string? JkpClaimReference,
    int? ContributionMonths,
    DateOnly? ClaimedOn = null,
    ContributionHistoryRequest? ContributionHistory = null)
{
    /// <summary>Only called once the validator has passed, so every required value is present.</summary>
    public OpenCase ToCommand(Guid caseId) => new(
        caseId,
        OfficeId!,
        CounselorId!,
        WorkerDetails.Of(Worker!.Nik!, Worker.FullName!, Worker.BirthDate!.Value, Worker.Phone!, Worker.BpjsMembershipNumber!),
        new EndedEmployment(
            Employment!.Employer!,
            Employment.LastPosition!,
            Employment.TerminationDate!.Value,
            Employment.TerminationReason!.Value,
            Employment.LastMonthlyWage!.Value),
        JkpClaimReference!,
        ContributionMonths!.Value,
        ClaimedOn,
        ContributionHistory is { } history
            ? new ContributionHistory(history.MonthsPaidInLast24Months!.Value, history.ConsecutiveMonthsBeforeTermination!.Value)
            : null);
}
