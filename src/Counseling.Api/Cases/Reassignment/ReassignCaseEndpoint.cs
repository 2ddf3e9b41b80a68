using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Api.ReferenceData;
using Marten;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Reassignment;
using FluentValidation;
using JasperFx.Events;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.Reassignment;

/// <summary>The counselor who takes the case over, and why.</summary>
public sealed record ReassignCaseRequest(string? CounselorId, string? Reason) : ICaseStepRequest
{
    public async ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) =>
        new ReassignCase(CounselorId!, await context.CounselorAsync(CounselorId!), Reason!);
}

public sealed class ReassignCaseValidator : AbstractValidator<ReassignCaseRequest>
{
    public ReassignCaseValidator()
    {
        RuleFor(r => r.CounselorId).Identifier();
        RuleFor(r => r.Reason).RequiredText(2000);
    }
}

public static class ReassignCaseEndpoint
{


    [WolverinePost("/cases/{id}/reassignment"), Idempotent]
    [Authorize(Policy = AccessPolicies.Reassigners)]
    [Tags("Journey")]
    [EndpointSummary("Hand the case to another counselor, saying why")]
    public static (CaseChanged, Events) Post(
        ReassignCaseRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}
