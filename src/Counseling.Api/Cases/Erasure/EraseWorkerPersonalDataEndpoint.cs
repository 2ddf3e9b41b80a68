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

namespace Counseling.Api.Cases.Erasure;

/// <summary>An erasure request under UU 27/2022: the reference of the worker's request.</summary>
public sealed record EraseWorkerPersonalDataRequest(string? RequestReference);

public sealed class EraseWorkerPersonalDataValidator : AbstractValidator<EraseWorkerPersonalDataRequest>
{
    public EraseWorkerPersonalDataValidator() => RuleFor(r => r.RequestReference).RequiredText(100);
}

public static class EraseWorkerPersonalDataEndpoint
{
    private static readonly EraseWorkerPersonalDataValidator Validator = new();

    public static (Decision, ProblemDetails) Before(
        EraseWorkerPersonalDataRequest request, IEventStream<CounselingCase> stream, HttpRequest http, TimeProvider clock) =>
        CaseWrites.Decide(Validator, request, stream, http,
            current => current.Erase(new EraseWorkerPersonalData(request.RequestReference!), clock.GetUtcNow()),
            CaseAccess.ToErase);

    /// <summary>Destroys the case's personal-data key in the same transaction that records the erasure.</summary>
    [WolverinePost("/cases/{id}/personal-data-erasure"), Idempotent]
    [Authorize(Policy = AccessPolicies.ErasureOfficers)]
    [Tags("Personal data")]
    [EndpointSummary("Carry out a UU 27/2022 erasure request: the worker's NIK and phone become unreadable everywhere")]
    public static CaseChanged Post(
        Guid id,
        EraseWorkerPersonalDataRequest request,
        Decision decision,
        [WriteCase] IEventStream<CounselingCase> stream,
        IDocumentSession session,
        HttpResponse response)
    {
        session.Delete<PersonalDataKey>(id);
        return CaseWrites.Append(stream, decision, response);
    }
}
