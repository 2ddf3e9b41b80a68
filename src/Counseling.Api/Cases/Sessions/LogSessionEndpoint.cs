using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Sessions;
using JasperFx.Events;
using Wolverine.Http;

namespace Counseling.Api.Cases.Sessions;

public static class LogSessionEndpoint
{
    private static readonly LogSessionValidator Validator = new();

    public static (Decision, ProblemDetails) Before(
        LogSessionRequest request, IEventStream<CounselingCase> stream, HttpRequest http, TimeProvider clock) =>
        CaseWrites.Decide(Validator, request, stream, http,
            current => current.Log(request.ToCommand(Guid.CreateVersion7()), clock.GetUtcNow()));

    [WolverinePost("/cases/{id}/sessions"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Cases")]
    [EndpointSummary("Log a counseling session held with the worker")]
    public static CaseChanged Post(
        Guid id,
        LogSessionRequest request,
        Decision decision,
        [WriteCase] IEventStream<CounselingCase> stream,
        HttpResponse response) =>
        CaseWrites.Append(stream, decision, response);
}

/// <summary>A counseling session: when, how, how long, what it covered, notes and the next follow-up.</summary>
public sealed record LogSessionRequest(
    DateTimeOffset? HeldAt,
    SessionMode? Mode,
    int? DurationMinutes,
    IReadOnlyList<SessionTopic>? Topics,
    string? Notes,
    DateOnly? NextFollowUpOn)
{
    /// <summary>Only called once the validator has passed, so every required value is present.</summary>
    public LogSession ToCommand(Guid sessionId) =>
        new(sessionId, HeldAt!.Value, Mode!.Value, DurationMinutes!.Value, Topics!, Notes ?? "", NextFollowUpOn);
}
