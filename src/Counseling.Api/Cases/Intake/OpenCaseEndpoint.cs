using System.Security.Claims;
using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Intake;
using Marten;
using Microsoft.Net.Http.Headers;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.Intake;

public static class OpenCaseEndpoint
{
    private static readonly OpenCaseValidator Validator = new();

    public static (Decision, ProblemDetails) Before(OpenCaseRequest request, ClaimsPrincipal user, TimeProvider clock)
    {
        // When a problem is returned Wolverine ends the request there, so no decision is needed with it.
        var invalid = Problems.Validate(Validator, request);
        if (!ReferenceEquals(invalid, WolverineContinue.NoProblems)) return (null!, invalid);
        if (CaseAccess.ToOpen(Caller.From(user)!, request.OfficeId!, request.CounselorId!) is { } forbidden) return (null!, forbidden);

        var decision = CaseIntake.Open(request.ToCommand(Guid.CreateVersion7()), clock.GetUtcNow());
        return decision.Refusal is { } refusal
            ? (decision, Problems.From(refusal))
            : (decision, WolverineContinue.NoProblems);
    }

    [WolverinePost("/cases"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Cases")]
    [EndpointSummary("Intake: open a counseling case for a worker who lost their job and claims JKP")]
    public static (CaseOpenedResponse, IStartStream) Post(
        OpenCaseRequest request, Decision decision, IDocumentSession session, TimeProvider clock, HttpResponse response)
    {
        var opened = decision.Events.OfType<CaseOpened>().Single();
        var stored = IntakeProtection.Protect(opened, session, clock.GetUtcNow());
        // The intake and the JKP claim beside it.
        var version = decision.Events.Count;

        response.Headers[HeaderNames.ETag] = Preconditions.ETagFor(version);
        return (
            new CaseOpenedResponse(opened.CaseId, version),
            MartenOps.StartStream<CounselingCase>(opened.CaseId, [stored, .. decision.Events.Skip(1)]));
    }
}

/// <summary>201 Created, with Location /cases/{id}.</summary>
public sealed record CaseOpenedResponse(Guid Id, long Version) : CreationResponse($"/cases/{Id}");
