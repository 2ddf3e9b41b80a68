using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Placements;
using FluentValidation;
using JasperFx.Events;
using Wolverine.Http;

namespace Counseling.Api.Cases.Placements;

/// <summary>The job the worker started: employer, position, start, wage, contract and the referral it came from.</summary>
public sealed record PlaceWorkerRequest(
    string? Employer,
    string? Position,
    DateOnly? StartsOn,
    long? MonthlyWage,
    ContractType? ContractType,
    Guid? JobReferralId)
{
    public PlaceWorker ToCommand(Guid placementId) =>
        new(placementId, Employer!, Position!, StartsOn!.Value, MonthlyWage!.Value, ContractType!.Value, JobReferralId);
}

public sealed class PlaceWorkerValidator : AbstractValidator<PlaceWorkerRequest>
{
    public PlaceWorkerValidator()
    {
        RuleFor(r => r.Employer).RequiredText(200);
        RuleFor(r => r.Position).RequiredText(200);
        RuleFor(r => r.StartsOn).NotNull();
        RuleFor(r => r.MonthlyWage).NotNull().GreaterThan(0)
            .WithMessage("A placement's monthly wage (rupiah) must be positive.");
        RuleFor(r => r.ContractType).NotNull().IsInEnum();
    }
}

public static class PlaceWorkerEndpoint
{
    private static readonly PlaceWorkerValidator Validator = new();

    public static (Decision, ProblemDetails) Before(
        PlaceWorkerRequest request, IEventStream<CounselingCase> stream, HttpRequest http, TimeProvider clock) =>
        CaseWrites.Decide(Validator, request, stream, http,
            current => current.Place(request.ToCommand(Guid.CreateVersion7()), clock.GetUtcNow()));

    [WolverinePost("/cases/{id}/placements"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record that the worker started a job, from a referral or not")]
    public static CaseChanged Post(
        Guid id,
        PlaceWorkerRequest request,
        Decision decision,
        [WriteCase] IEventStream<CounselingCase> stream,
        HttpResponse response) =>
        CaseWrites.Append(stream, decision, response);
}

/// <summary>The three-month placement follow-up: whether the worker is still employed.</summary>
public sealed record FollowUpPlacementRequest(DateOnly? On, bool? StillEmployed, string? Notes);

public sealed class FollowUpPlacementValidator : AbstractValidator<FollowUpPlacementRequest>
{
    public FollowUpPlacementValidator()
    {
        RuleFor(r => r.On).NotNull();
        RuleFor(r => r.StillEmployed).NotNull();
        RuleFor(r => r.Notes).MaximumLength(4000);
    }
}

public static class FollowUpPlacementEndpoint
{
    private static readonly FollowUpPlacementValidator Validator = new();

    public static (Decision, ProblemDetails) Before(
        FollowUpPlacementRequest request, IEventStream<CounselingCase> stream, HttpRequest http, TimeProvider clock) =>
        CaseWrites.Decide(Validator, request, stream, http,
            current => current.FollowUp(
                new FollowUpPlacement(request.On!.Value, request.StillEmployed!.Value, request.Notes ?? ""), clock.GetUtcNow()));

    [WolverinePost("/cases/{id}/placement-follow-up"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record the three-month placement follow-up: is the worker still employed?")]
    public static CaseChanged Post(
        Guid id,
        FollowUpPlacementRequest request,
        Decision decision,
        [WriteCase] IEventStream<CounselingCase> stream,
        HttpResponse response) =>
        CaseWrites.Append(stream, decision, response);
}

/// <summary>The business the worker started, and when.</summary>
public sealed record StartSelfEmploymentRequest(string? BusinessType, DateOnly? StartsOn);

public sealed class StartSelfEmploymentValidator : AbstractValidator<StartSelfEmploymentRequest>
{
    public StartSelfEmploymentValidator()
    {
        RuleFor(r => r.BusinessType).RequiredText(200);
        RuleFor(r => r.StartsOn).NotNull();
    }
}

public static class StartSelfEmploymentEndpoint
{
    private static readonly StartSelfEmploymentValidator Validator = new();

    public static (Decision, ProblemDetails) Before(
        StartSelfEmploymentRequest request, IEventStream<CounselingCase> stream, HttpRequest http, TimeProvider clock) =>
        CaseWrites.Decide(Validator, request, stream, http,
            current => current.StartSelfEmployment(
                new StartSelfEmployment(request.BusinessType!, request.StartsOn!.Value), clock.GetUtcNow()));

    [WolverinePost("/cases/{id}/self-employment"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record that the worker started a business of their own")]
    public static CaseChanged Post(
        Guid id,
        StartSelfEmploymentRequest request,
        Decision decision,
        [WriteCase] IEventStream<CounselingCase> stream,
        HttpResponse response) =>
        CaseWrites.Append(stream, decision, response);
}
