using Counseling.Api.Access;
using Counseling.Api.Cases.Search;
using Counseling.Api.Infrastructure;
using Counseling.Api.Localization;
using Counseling.Api.PersonalData;
using Counseling.Domain.Cases.Intake;
using Counseling.Domain.Cases;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;
using System.Security.Claims;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.Intake;

// The intake over HTTP: the request, its validation and the endpoint.

// Request bodies keep every field nullable so that a missing field is reported by name with the others,
// instead of failing deserialization at the first one.

/// <summary>The worker: NIK, name, birth date, phone and BPJS Ketenagakerjaan membership number (stored encrypted).</summary>
public sealed record WorkerRequest(
    string? Nik,
    string? FullName,
    DateOnly? BirthDate,
    string? Phone,
    string? BpjsMembershipNumber);

/// <summary>
/// The employment that ended: employer, last position, termination date and reason, last monthly wage, and the contract
/// it was held under (a fixed-term one with the last day of its term).
/// </summary>
public sealed record EmploymentRequest(
    string? Employer,
    string? LastPosition,
    DateOnly? TerminationDate,
    TerminationReason? TerminationReason,
    long? LastMonthlyWage,
    EmploymentContractType? ContractType = null,
    DateOnly? ContractEndsOn = null);

/// <summary>Months right before the PHK that the employer owed and did not pay, and why.</summary>
public sealed record ArrearsRequest(int? MonthsUnpaid, ArrearsCause? Cause);

/// <summary>The JKP contribution months BPJS Ketenagakerjaan reports for the claim, and the employer's arrears if any.</summary>
public sealed record ContributionHistoryRequest(int? MonthsPaidInLast24Months, int? ConsecutiveMonthsBeforeTermination, ArrearsRequest? Arrears = null);

/// <summary>Who may be a participant: citizenship, the day the worker joined BPJS Ketenagakerjaan, their JKN enrolment.</summary>
public sealed record ParticipationRequest(bool? IndonesianCitizen, DateOnly? JoinedOn, bool? EnrolledInJkn);

/// <summary>An earlier JKP claim the worker states (this service's own earlier cases are found by NIK).</summary>
public sealed record EarlierClaimRequest(DateOnly? ClaimedOn);

/// <summary>Intake: the office and counselor, the worker, the ended employment and the worker's JKP claim.</summary>
/// <param name="ClaimedOn">When the JKP claim was made; the intake day when left out.</param>
/// <param name="ContributionHistory">What the entitlement is decided on (PP 37/2021 Pasal 19): required.</param>
/// <param name="Participation">Who may be a participant (PP 37/2021 Pasal 4): required.</param>
/// <param name="EarlierClaims">Earlier JKP claims the worker states; this service's own earlier cases of the worker are added.</param>
public sealed record OpenCaseRequest(
    string? OfficeId,
    string? CounselorId,
    WorkerRequest? Worker,
    EmploymentRequest? Employment,
    string? JkpClaimReference,
    int? ContributionMonths,
    DateOnly? ClaimedOn = null,
    ContributionHistoryRequest? ContributionHistory = null,
    ParticipationRequest? Participation = null,
    IReadOnlyList<EarlierClaimRequest>? EarlierClaims = null)
{
    /// <summary>
    /// Only called once the validator has passed, so every value it requires is present; what the domain requires besides
    /// (the contribution history, participation, contract type) it refuses by name when missing.
    /// </summary>
    public OpenCase ToCommand(Guid caseId, IReadOnlyList<EarlierJkpClaim> foundClaims) => new(
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
            ? new ContributionHistory(history.MonthsPaidInLast24Months!.Value, history.ConsecutiveMonthsBeforeTermination!.Value,
                history.Arrears is { } arrears ? new ContributionArrears(arrears.MonthsUnpaid!.Value, arrears.Cause!.Value) : null)
            : null,
        Participation is { } participation
            ? new Participation(participation.IndonesianCitizen!.Value, participation.JoinedOn!.Value, participation.EnrolledInJkn!.Value)
            : null,
        Employment.ContractType is { } contractType ? new EmploymentContract(contractType, Employment.ContractEndsOn) : null,
        [.. (EarlierClaims ?? []).Select(c => new EarlierJkpClaim(c.ClaimedOn!.Value)), .. foundClaims]);
}

public sealed class OpenCaseValidator : AbstractValidator<OpenCaseRequest>
{
    public static string NikMessage => Texts.Get("Validation.Nik");

    /// <summary>A NIK: 16 digits. The same rule checks intakes and searches, and the OpenAPI document shows it.</summary>
    public const string NikPattern = "^[0-9]{16}$";

    public static bool IsNik(string value) => value.Length == 16 && value.All(char.IsAsciiDigit);

    public OpenCaseValidator()
    {
        RuleFor(r => r.OfficeId).Identifier();
        RuleFor(r => r.CounselorId).Identifier();
        RuleFor(r => r.JkpClaimReference).RequiredText(64);
        RuleFor(r => r.ContributionMonths).NotNull().InclusiveBetween(0, 600);
        RuleFor(r => r.ContributionHistory).NotNull().DependentRules(() =>
        {
            RuleFor(r => r.ContributionHistory!.MonthsPaidInLast24Months).NotNull().InclusiveBetween(0, 24);
            RuleFor(r => r.ContributionHistory!.ConsecutiveMonthsBeforeTermination).NotNull().InclusiveBetween(0, 600);
            RuleFor(r => r.ContributionHistory!.Arrears).SetValidator(new ArrearsValidator());
        });
        RuleFor(r => r.Participation).NotNull().DependentRules(() =>
        {
            RuleFor(r => r.Participation!.IndonesianCitizen).NotNull();
            RuleFor(r => r.Participation!.JoinedOn).NotNull();
            RuleFor(r => r.Participation!.EnrolledInJkn).NotNull();
        });
        RuleFor(r => r.EarlierClaims).AtMostItems(10);
        RuleForEach(r => r.EarlierClaims).SetValidator(new EarlierClaimValidator());

        RuleFor(r => r.Worker).NotNull().DependentRules(() =>
        {
            RuleFor(r => r.Worker!.Nik).NotEmpty()
                .Matches(NikPattern).WithMessage(_ => NikMessage);
            RuleFor(r => r.Worker!.FullName).RequiredText(200);
            RuleFor(r => r.Worker!.BirthDate).NotNull();
            RuleFor(r => r.Worker!.Phone).NotEmpty()
                .Matches(@"^\+?[0-9]{8,15}$").WithMessage(_ => Texts.Get("Validation.Phone"));
            RuleFor(r => r.Worker!.BpjsMembershipNumber).NotEmpty()
                .Matches("^[0-9]{8,16}$").WithMessage(_ => Texts.Get("Validation.BpjsNumber"));
        });

        RuleFor(r => r.Employment).NotNull().DependentRules(() =>
        {
            RuleFor(r => r.Employment!.Employer).RequiredText(200);
            RuleFor(r => r.Employment!.LastPosition).RequiredText(200);
            RuleFor(r => r.Employment!.TerminationDate).NotNull();
            RuleFor(r => r.Employment!.TerminationReason).NotNull().IsInEnum();
            RuleFor(r => r.Employment!.ContractType).NotNull().IsInEnum();
            RuleFor(r => r.Employment!.LastMonthlyWage).NotNull()
                .GreaterThanOrEqualTo(0).WithMessage(_ => Texts.Get("Validation.WageNotNegative"));
        });
    }
}

/// <summary>The employer's arrears, when given: both the months and why (the OpenAPI document reads them as required).</summary>
public sealed class ArrearsValidator : AbstractValidator<ArrearsRequest>
{
    public ArrearsValidator()
    {
        RuleFor(a => a.MonthsUnpaid).NotNull().InclusiveBetween(1, 24);
        RuleFor(a => a.Cause).NotNull().IsInEnum();
    }
}

public sealed class EarlierClaimValidator : AbstractValidator<EarlierClaimRequest>
{
    public EarlierClaimValidator() => RuleFor(c => c.ClaimedOn).NotNull();
}

public static class OpenCaseEndpoint
{
    private static readonly OpenCaseValidator Validator = new();

    /// <summary>The worker's cases already in this service, found by the NIK's blind index (none for a malformed NIK).</summary>
    public static async Task<WorkerCases> LoadAsync(OpenCaseRequest request, IQuerySession session, NikBlindIndex index, CancellationToken cancellation) =>
        new(request.Worker?.Nik is { } nik && OpenCaseValidator.IsNik(nik)
            ? await ReturningWorkers.CasesOfAsync(session, index, nik, cancellation)
            : []);

    /// <summary>
    /// Validates and decides. Each of the worker's earlier cases here is an earlier JKP claim (its claim date), decided on
    /// with those the worker states (<see cref="IntakeRules.FurtherClaims"/>).
    /// </summary>
    public static (Decision, ProblemDetails) Before(OpenCaseRequest request, WorkerCases cases, ClaimsPrincipal user, TimeProvider clock)
    {
        // When a problem is returned Wolverine ends the request there, so no decision is needed with it.
        var invalid = Problems.Validate(Validator, request);
        if (!ReferenceEquals(invalid, WolverineContinue.NoProblems)) return (null!, invalid);
        if (CaseAccess.ToOpen(Caller.From(user)!, request.OfficeId!, request.CounselorId!) is { } forbidden) return (null!, forbidden);

        // A closed case for an earlier PHK was an earlier claim; one for the same PHK (a worker who withdrew and came back)
        // is this claim again, decided as before.
        var phk = request.Employment!.TerminationDate!.Value;
        var earlier = cases.All
            .Where(c => c.IsClosed && c.Benefit is { } benefit && benefit.Claim.TerminationDate < phk)
            .Select(c => new EarlierJkpClaim(c.Benefit!.Claim.ClaimedOn, c.Id)).ToList();
        var decision = CounselingCase.Decide(null, request.ToCommand(Guid.CreateVersion7(clock.GetUtcNow()), earlier), clock.GetUtcNow());
        return decision.Refusal is { } refusal
            ? (decision, Problems.From(refusal))
            : (decision, WolverineContinue.NoProblems);
    }

    public const string DuplicateIntakeView = "duplicate-intake";

    /// <summary>
    /// One open case per worker: an intake whose NIK has an open case anywhere, at any office, is refused with the
    /// case and its office named, so the counselor can contact that office instead. A malformed NIK is left to Before.
    /// The refusal tells where a worker's case is, as a NIK search does, so it is recorded as a personal-data read like
    /// one, in a session of its own: the request's own session is not saved when it is refused.
    /// </summary>
    public static async Task<ProblemDetails> ValidateAsync(
        WorkerCases cases, IDocumentStore store, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellation)
    {
        var open = cases.All.FirstOrDefault(c => !c.IsClosed);
        if (open is not null)
        {
            await using var record = store.LightweightSession();
            Counseling.Api.Audit.PersonalDataReads.PersonalDataReadLog.Record(record, Caller.From(user)!, open.Id, DuplicateIntakeView, clock);
            await record.SaveChangesAsync(cancellation);
        }
        return open is null ? WolverineContinue.NoProblems : new ProblemDetails
        {
            Type = "https://jkp-counseling.example/problems/worker-has-an-open-case",
            Title = Texts.Get("Problem.WorkerHasOpenCase"),
            Status = StatusCodes.Status409Conflict,
            Detail = Texts.Format("Problem.WorkerHasOpenCase.Detail", open.Id, open.OfficeId),
            Extensions = { ["existingCaseId"] = open.Id, ["officeId"] = open.OfficeId },
        };
    }

    [WolverinePost("/cases"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Cases")]
    [EndpointSummary("Intake: open a counseling case for a worker who lost their job and claims JKP")]
    public static (CaseOpenedResponse, IStartStream) Post(
        OpenCaseRequest request, Decision decision, HttpResponse response)
    {
        // Personal fields are encrypted, and the case's key and blind-index entry stored, as the session saves
        // (PersonalDataEncryption).
        var opened = decision.Events.OfType<CaseOpened>().Single();
        // The intake and the JKP claim beside it.
        var version = decision.Events.Count;

        response.Headers[HeaderNames.ETag] = Preconditions.ETagFor(version);
        return (
            new CaseOpenedResponse(opened.CaseId, version),
            MartenOps.StartStream<CounselingCase>(opened.CaseId, [.. decision.Events]));
    }
}

/// <summary>201 Created, with Location /cases/{id}.</summary>
public sealed record CaseOpenedResponse(Guid Id, long Version) : CreationResponse($"/cases/{Id}");

/// <summary>The cases of the worker an intake names, as <see cref="OpenCaseEndpoint.LoadAsync"/> found them.</summary>
public sealed record WorkerCases(IReadOnlyList<CounselingCase> All);
