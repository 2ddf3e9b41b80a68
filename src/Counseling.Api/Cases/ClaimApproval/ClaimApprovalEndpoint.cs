using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.ClaimApproval;
using FluentValidation;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.ClaimApproval;

/// <summary>The day BPJS Ketenagakerjaan approved the worker's JKP claim (declared it eligible).</summary>
public sealed record RecordClaimApprovalRequest(DateOnly? ApprovedOn) : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) => new(new RecordClaimApproval(ApprovedOn!.Value));
}

public sealed class RecordClaimApprovalValidator : AbstractValidator<RecordClaimApprovalRequest>
{
    public RecordClaimApprovalValidator() => RuleFor(r => r.ApprovedOn).NotNull();
}

public static class ClaimApprovalEndpoint
{
    [WolverinePost("/cases/{id}/jkp/approval"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record the day BPJS Ketenagakerjaan approved the JKP claim: a claim approved on or after 7 February 2025 is paid under PP 6/2025 throughout")]
    public static (CaseChanged, Events) Post(
        RecordClaimApprovalRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}
