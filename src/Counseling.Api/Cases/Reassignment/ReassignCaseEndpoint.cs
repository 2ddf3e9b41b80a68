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

namespace Counseling.Api.Cases.Reassignment;

/// <summary>The counselor who takes the case over, and why.</summary>
public sealed record ReassignCaseRequest(string? CounselorId, string? Reason);

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
    private static readonly ReassignCaseValidator Validator = new();

    public static async Task<(Decision, ProblemDetails)> BeforeAsync(
        ReassignCaseRequest request, IEventStream<CounselingCase> stream, HttpRequest http, IDocumentSession session,
        TimeProvider clock, CancellationToken cancellation)
    {
        var target = request.CounselorId is { } counselorId ? await session.LoadAsync<Counselor>(counselorId, cancellation) : null;
        return CaseWrites.Decide(Validator, request, stream, http, current => target switch
        {
            null => Refusal.NotFound("counselorId", $"There is no registered counselor {request.CounselorId}."),
            _ when target.OfficeId != current.OfficeId => Refusal.NotAllowed(
                $"{target.Id} works at office {target.OfficeId}: a case is reassigned within its office ({current.OfficeId}).", "counselorId"),
            _ => current.Reassign(new ReassignCase(target.Id, request.Reason!), clock.GetUtcNow()),
        });
    }

    [WolverinePost("/cases/{id}/reassignment"), Idempotent]
    [Authorize(Policy = AccessPolicies.Reassigners)]
    [Tags("Journey")]
    [EndpointSummary("Hand the case to another counselor, saying why")]
    public static CaseChanged Post(
        Guid id,
        ReassignCaseRequest request,
        Decision decision,
        [WriteCase] IEventStream<CounselingCase> stream,
        HttpResponse response) =>
        CaseWrites.Append(stream, decision, response);
}
