using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.EarlierClaims;
using FluentValidation;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.EarlierClaims;

/// <summary>The day of an earlier JKP claim of the worker, disclosed after the intake.</summary>
public sealed record RecordEarlierClaimRequest(DateOnly? ClaimedOn) : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) => new(new RecordEarlierClaim(ClaimedOn!.Value));
}

public sealed class RecordEarlierClaimValidator : AbstractValidator<RecordEarlierClaimRequest>
{
    public RecordEarlierClaimValidator() => RuleFor(r => r.ClaimedOn).NotNull();
}

public static class EarlierClaimsEndpoint
{
    [WolverinePost("/cases/{id}/jkp/earlier-claims"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record an earlier JKP claim of the worker disclosed after the intake: the claim's entitlement is decided again with it (five more years between claims, three claims at most)")]
    public static (CaseChanged, Events) Post(
        RecordEarlierClaimRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}
