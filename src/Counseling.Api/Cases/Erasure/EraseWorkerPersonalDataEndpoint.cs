using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Erasure;
using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.Erasure;

/// <summary>An erasure request under UU 27/2022: the reference of the worker's request.</summary>
public sealed record EraseWorkerPersonalDataRequest(string? RequestReference) : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) =>
        new(new RequestWorkerPersonalDataErasure(RequestReference!, context.Caller.UserId));

    public ProblemDetails? Authorize(Caller caller, CounselingCase current) => CaseAccess.ToErase(caller, current);
}

public sealed class EraseWorkerPersonalDataValidator : AbstractValidator<EraseWorkerPersonalDataRequest>
{
    public EraseWorkerPersonalDataValidator() => RuleFor(r => r.RequestReference).RequiredText(100);
}

/// <summary>The approval of the pending erasure request, naming it.</summary>
public sealed record ApproveErasureRequest(string? RequestReference) : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) =>
        new(new ApproveWorkerPersonalDataErasure(RequestReference!, context.Caller.UserId));

    public ProblemDetails? Authorize(Caller caller, CounselingCase current) => CaseAccess.ToApproveErasure(caller, current);
}

public sealed class ApproveErasureValidator : AbstractValidator<ApproveErasureRequest>
{
    public ApproveErasureValidator() => RuleFor(r => r.RequestReference).RequiredText(100);
}

/// <summary>
/// An erasure cannot be undone, so it takes two people (UU 27/2022 Pasal 8 gives the worker the right; the four-eyes
/// rule is this service's, so that no single account, stolen or careless, erases a case): an erasure officer (an
/// administrator, or the supervisor of the case's office) takes the request in, and another administrator approves
/// it. Both are recorded as events; the data is erased when the approval is recorded.
/// </summary>
public static class EraseWorkerPersonalDataEndpoint
{
    /// <summary>Records the request; nothing is erased until another administrator approves it.</summary>
    [WolverinePost("/cases/{id}/personal-data-erasure"), Idempotent]
    [Authorize(Policy = AccessPolicies.ErasureOfficers)]
    [Tags("Personal data")]
    [EndpointSummary("Take in a UU 27/2022 erasure request; it is carried out when another administrator approves it")]
    public static (CaseChanged, Events) Post(
        EraseWorkerPersonalDataRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);

    /// <summary>
    /// Records the approval and the erasure; the case's data key and blind-index entry are deleted in the same
    /// transaction as the session saves (PersonalDataEncryption).
    /// </summary>
    [WolverinePost("/cases/{id}/personal-data-erasure/approval"), Idempotent]
    [Authorize(Policy = AccessPolicies.Administrators)]
    [Tags("Personal data")]
    [EndpointSummary("Approve a pending erasure request taken in by someone else: the worker's identity and the case's notes become unreadable everywhere")]
    public static (CaseChanged, Events) PostApproval(
        ApproveErasureRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}
