using Counseling.Api.Localization;
using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Transfers;
using FluentValidation;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.Transfers;

/// <summary>The office asked to take the case over, and why.</summary>

public sealed record RequestTransferRequest(string? ToOfficeId, string? Reason) : ICaseStepRequest
{
    public async ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) => new RequestTransfer(
        context.NewId(), ToOfficeId!, await context.OfficeExistsAsync(ToOfficeId!), context.Caller.UserId, Reason!);
}

public sealed class RequestTransferValidator : AbstractValidator<RequestTransferRequest>
{
    public RequestTransferValidator()
    {
        RuleFor(r => r.ToOfficeId).Identifier();
        RuleFor(r => r.Reason).RequiredText(2000);
    }
}

/// <summary>Answered by the supervisor of the office the case is to go to, who names the counselor taking it.</summary>
public sealed record AcceptTransferRequest(string? CounselorId) : ICaseStepRequest
{
    public async ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) =>
        new AcceptTransfer(CounselorId!, await context.CounselorAsync(CounselorId!), context.Caller.UserId);

    public ProblemDetails? Authorize(Caller caller, CounselingCase current) => TransferAccess.ToAnswer(caller, current);
}

public sealed class AcceptTransferValidator : AbstractValidator<AcceptTransferRequest>
{
    public AcceptTransferValidator() => RuleFor(r => r.CounselorId).Identifier();
}

/// <summary>Why the destination office declines the transfer.</summary>

public sealed record DeclineTransferRequest(string? Reason) : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) => new(new DeclineTransfer(context.Caller.UserId, Reason!));

    public ProblemDetails? Authorize(Caller caller, CounselingCase current) => TransferAccess.ToAnswer(caller, current);
}

public sealed class DeclineTransferValidator : AbstractValidator<DeclineTransferRequest>
{
    public DeclineTransferValidator() => RuleFor(r => r.Reason).RequiredText(2000);
}

public static class TransferAccess
{
    /// <summary>Only the destination office's supervisor answers a transfer; until then the case is not theirs to read.</summary>
    public static ProblemDetails? ToAnswer(Caller caller, CounselingCase current) => current.PendingTransfer switch
    {
        null => CaseAccess.ToWrite(caller, current) is null
            ? null // the case's own supervisor learns from the decision that nothing awaits an answer
            : CaseAccess.Problem(Texts.Get("Access.NoTransferForYourOffice")),
        { ToOfficeId: var destination } when caller.Role == Role.Supervisor && caller.OfficeId == destination => null,
        { ToOfficeId: var destination } => CaseAccess.Problem(
            Texts.Format("Access.DestinationAnswers", destination)),
    };
}

public static class TransferEndpoints
{
    [WolverinePost("/cases/{id}/transfer"), Idempotent]
    [Authorize(Policy = AccessPolicies.Supervisors)]
    [Tags("Journey")]
    [EndpointSummary("Ask another office to take the case over (the case's office supervisor); the case stays until answered")]
    public static (CaseChanged, Events) Post(
        RequestTransferRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);

    [WolverinePost("/cases/{id}/transfer/acceptance"), Idempotent]
    [Authorize(Policy = AccessPolicies.Supervisors)]
    [Tags("Journey")]
    [EndpointSummary("Take a transferred case over at the destination office, naming the counselor who takes it")]
    public static (CaseChanged, Events) Post(
        AcceptTransferRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);

    [WolverinePost("/cases/{id}/transfer/decline"), Idempotent]
    [Authorize(Policy = AccessPolicies.Supervisors)]
    [Tags("Journey")]
    [EndpointSummary("Decline a transfer at the destination office, saying why; the case stays where it was")]
    public static (CaseChanged, Events) Post(
        DeclineTransferRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}
