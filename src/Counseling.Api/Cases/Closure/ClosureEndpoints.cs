using Counseling.Api.Localization;
using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Closure;
using FluentValidation;
using JasperFx.Events;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.Closure;

/// <summary>Why the case is closed; notes are required when the reason is other.</summary>
/// <param name="DiedOn">The day of death: required when the reason is died (the JKP right lapses from it), refused otherwise.</param>
public sealed record CloseCaseRequest(ClosureReason? Reason, string? Notes, DateOnly? DiedOn = null) : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) => new(new CloseCase(Reason!.Value, Notes ?? "", DiedOn));
}

public sealed class CloseCaseValidator : AbstractValidator<CloseCaseRequest>
{
    public CloseCaseValidator()
    {
        RuleFor(r => r.Reason).NotNull().IsInEnum();
        RuleFor(r => r.Notes).MaximumLength(4000);
        RuleFor(r => r.Notes).NotEmpty().When(r => r.Reason == ClosureReason.Other)
            .WithMessage(_ => Texts.Get("Validation.ClosureNotes"));
    }
}

public static class CloseCaseEndpoint
{


    [WolverinePost("/cases/{id}/closure"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Close the case: placed, self-employed, benefit period ended, unreachable, withdrew or other")]
    public static (CaseChanged, Events) Post(
        CloseCaseRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}

/// <summary>Why a closed case is reopened.</summary>
public sealed record ReopenCaseRequest(string? Reason) : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) => new(new ReopenCase(Reason!));
}

public sealed class ReopenCaseValidator : AbstractValidator<ReopenCaseRequest>
{
    public ReopenCaseValidator() => RuleFor(r => r.Reason).RequiredText(2000);
}

public static class ReopenCaseEndpoint
{


    [WolverinePost("/cases/{id}/reopening"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Reopen a closed case, saying why")]
    public static (CaseChanged, Events) Post(
        ReopenCaseRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}
