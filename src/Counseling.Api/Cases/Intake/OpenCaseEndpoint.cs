using Counseling.Api.Localization;
using System.Security.Claims;
using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Api.Cases.Search;
using Counseling.Api.PersonalData;
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

        var decision = CounselingCase.Decide(null, request.ToCommand(Guid.CreateVersion7(clock.GetUtcNow())), clock.GetUtcNow());
        return decision.Refusal is { } refusal
            ? (decision, Problems.From(refusal))
            : (decision, WolverineContinue.NoProblems);
    }

    public const string DuplicateIntakeView = "duplicate-intake";

    /// <summary>
    /// One open case per worker: an intake whose NIK has an open case anywhere, at any office, is refused with the
    /// case and its office named, so the counselor can contact that office instead. A malformed NIK is left to Before.
    /// The refusal tells where a worker's case is, as a NIK search does, so it is recorded as a personal-data read like
    /// one, in a session of its own: the request's own session is not saved when it is refused.
    /// </summary>
    public static async Task<ProblemDetails> ValidateAsync(
        OpenCaseRequest request, IQuerySession session, NikBlindIndex index, IDocumentStore store, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken cancellation)
    {
        if (request.Worker?.Nik is not { } nik || !OpenCaseValidator.IsNik(nik)) return WolverineContinue.NoProblems;
        var open = (await ReturningWorkers.CasesOfAsync(session, index, nik, cancellation)).FirstOrDefault(c => !c.IsClosed);
        if (open is not null)
        {
            await using var record = store.LightweightSession();
            Counseling.Api.Audit.PersonalDataReads.PersonalDataReadLog.Record(record, Caller.From(user)!, open.Id, DuplicateIntakeView, clock);
            await record.SaveChangesAsync(cancellation);
        }
        return open is null ? WolverineContinue.NoProblems : new ProblemDetails
        {
            Type = "https://jkp-counseling.example/problems/worker-has-an-open-case",
            Title = Texts.Get("Problem.WorkerHasOpenCase"),
            Status = StatusCodes.Status409Conflict,
            Detail = Texts.Format("Problem.WorkerHasOpenCase.Detail", open.Id, open.OfficeId),
            Extensions = { ["existingCaseId"] = open.Id, ["officeId"] = open.OfficeId },
        };
    }

    [WolverinePost("/cases"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Cases")]
    [EndpointSummary("Intake: open a counseling case for a worker who lost their job and claims JKP")]
    public static (CaseOpenedResponse, IStartStream) Post(
        OpenCaseRequest request, Decision decision, HttpResponse response)
    {
        // Personal fields are encrypted, and the case's key and blind-index entry stored, as the session saves
        // (PersonalDataEncryption).
        var opened = decision.Events.OfType<CaseOpened>().Single();
        // The intake and the JKP claim beside it.
        var version = decision.Events.Count;

        response.Headers[HeaderNames.ETag] = Preconditions.ETagFor(version);
        return (
            new CaseOpenedResponse(opened.CaseId, version),
            MartenOps.StartStream<CounselingCase>(opened.CaseId, [.. decision.Events]));
    }
}

/// <summary>201 Created, with Location /cases/{id}.</summary>
public sealed record CaseOpenedResponse(Guid Id, long Version) : CreationResponse($"/cases/{Id}");
