using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using Counseling.Api.PersonalData;
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
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) => new(new EraseWorkerPersonalData(RequestReference!));

    public ProblemDetails? Authorize(Caller caller, CounselingCase current) => CaseAccess.ToErase(caller, current);
}

public sealed class EraseWorkerPersonalDataValidator : AbstractValidator<EraseWorkerPersonalDataRequest>
{
    public EraseWorkerPersonalDataValidator() => RuleFor(r => r.RequestReference).RequiredText(100);
}

public static class EraseWorkerPersonalDataEndpoint
{


    /// <summary>
    /// Records the erasure; the case's data key and blind-index entry are deleted in the same transaction as the
    /// session saves (PersonalDataEncryption).
    /// </summary>
    [WolverinePost("/cases/{id}/personal-data-erasure"), Idempotent]
    [Authorize(Policy = AccessPolicies.ErasureOfficers)]
    [Tags("Personal data")]
    [EndpointSummary("Carry out a UU 27/2022 erasure request: the worker's identity and the case's notes become unreadable everywhere")]
    public static (CaseChanged, Events) Post(
        EraseWorkerPersonalDataRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}
