using Counseling.Domain;
using Counseling.Api.Localization;
using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Placements;
using FluentValidation;
using JasperFx.Events;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.Placements;

/// <summary>The job the worker started: employer, position, start, wage, contract and the referral it came from.</summary>
public sealed record PlaceWorkerRequest(
    string? Employer,
    string? Position,
    DateOnly? StartsOn,
    long? MonthlyWage,
    ContractType? ContractType,
    Guid? JobReferralId) : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) => new(new PlaceWorker(
        context.NewId(), Employer!, Position!, StartsOn!.Value, MonthlyWage!.Value, ContractType!.Value, JobReferralId));
}

public sealed class PlaceWorkerValidator : AbstractValidator<PlaceWorkerRequest>
{
    public PlaceWorkerValidator()
    {
        RuleFor(r => r.Employer).RequiredText(200);
        RuleFor(r => r.Position).RequiredText(200);
        RuleFor(r => r.StartsOn).NotNull();
        // The bound is the domain's (PlaceWorker); declared here too, so that the OpenAPI document shows it.
        RuleFor(r => r.MonthlyWage).NotNull().GreaterThanOrEqualTo(PlaceWorker.MinimumMonthlyWageRupiah)
            .WithMessage(_ => Texts.Say(Why.WageNotPositive.With()));
        RuleFor(r => r.ContractType).NotNull().IsInEnum();
    }
}

public static class PlaceWorkerEndpoint
{


    [WolverinePost("/cases/{id}/placements"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record that the worker started a job, from a referral or not")]
    public static (CaseChanged, Events) Post(
        PlaceWorkerRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}

/// <summary>The three-month placement follow-up: whether the worker is still employed.</summary>
public sealed record FollowUpPlacementRequest(DateOnly? On, bool? StillEmployed, string? Notes) : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) =>
        new(new FollowUpPlacement(On!.Value, StillEmployed!.Value, Notes ?? ""));
}

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


    [WolverinePost("/cases/{id}/placement-follow-up"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record the three-month placement follow-up: is the worker still employed?")]
    public static (CaseChanged, Events) Post(
        FollowUpPlacementRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}

/// <summary>The business the worker started, and when.</summary>
public sealed record StartSelfEmploymentRequest(string? BusinessType, DateOnly? StartsOn) : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) =>
        new(new StartSelfEmployment(BusinessType!, StartsOn!.Value));
}

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


    [WolverinePost("/cases/{id}/self-employment"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record that the worker started a business of their own")]
    public static (CaseChanged, Events) Post(
        StartSelfEmploymentRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}
