using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Closure;
using FluentValidation;
using JasperFx.Events;
using Wolverine.Http;

namespace Counseling.Api.Cases.Closure;

/// <summary>Why the case is closed; notes are required when the reason is other.</summary>
public sealed record CloseCaseRequest(ClosureReason? Reason, string? Notes);

public sealed class CloseCaseValidator : AbstractValidator<CloseCaseRequest>
{
    public CloseCaseValidator()
    {
        RuleFor(r => r.Reason).NotNull().IsInEnum();
        RuleFor(r => r.Notes).MaximumLength(4000);
        RuleFor(r => r.Notes).NotEmpty().When(r => r.Reason == ClosureReason.Other)
            .WithMessage("Say why the case is closed when the reason is 'other'.");
    }
}

public static class CloseCaseEndpoint
{
    private static readonly CloseCaseValidator Validator = new();

    public static (Decision, ProblemDetails) Before(
        CloseCaseRequest request, IEventStream<CounselingCase> stream, HttpRequest http, TimeProvider clock) =>
        CaseWrites.Decide(Validator, request, stream, http,
            current => current.Close(new CloseCase(request.Reason!.Value, request.Notes ?? ""), clock.GetUtcNow()));

    [WolverinePost("/cases/{id}/closure"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Close the case: placed, self-employed, benefit period ended, unreachable, withdrew or other")]
    public static CaseChanged Post(
        Guid id,
        CloseCaseRequest request,
        Decision decision,
        [WriteCase] IEventStream<CounselingCase> stream,
        HttpResponse response) =>
        CaseWrites.Append(stream, decision, response);
}

/// <summary>Why a closed case is reopened.</summary>
public sealed record ReopenCaseRequest(string? Reason);

public sealed class ReopenCaseValidator : AbstractValidator<ReopenCaseRequest>
{
    public ReopenCaseValidator() => RuleFor(r => r.Reason).RequiredText(2000);
}

public static class ReopenCaseEndpoint
{
    private static readonly ReopenCaseValidator Validator = new();

    public static (Decision, ProblemDetails) Before(
        ReopenCaseRequest request, IEventStream<CounselingCase> stream, HttpRequest http, TimeProvider clock) =>
        CaseWrites.Decide(Validator, request, stream, http,
            current => current.Reopen(new ReopenCase(request.Reason!), clock.GetUtcNow()));

    [WolverinePost("/cases/{id}/reopening"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Reopen a closed case, saying why")]
    public static CaseChanged Post(
        Guid id,
        ReopenCaseRequest request,
        Decision decision,
        [WriteCase] IEventStream<CounselingCase> stream,
        HttpResponse response) =>
        CaseWrites.Append(stream, decision, response);
}
