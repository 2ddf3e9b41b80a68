using Counseling.Api.Infrastructure;
using Counseling.Api.Access;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Sessions;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.Sessions;

/// <summary>A counseling session: when, how, how long, what it covered, notes and the next follow-up.</summary>
public sealed record LogSessionRequest(
    DateTimeOffset? HeldAt,
    SessionMode? Mode,
    int? DurationMinutes,
    IReadOnlyList<SessionTopic>? Topics,
    string? Notes,
    DateOnly? NextFollowUpOn) : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) => new(new LogSession(
        context.NewId(), HeldAt!.Value, Mode!.Value, DurationMinutes!.Value, Topics!, Notes ?? "", NextFollowUpOn));
}

public static class LogSessionEndpoint
{
    [WolverinePost("/cases/{id}/sessions"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Cases")]
    [EndpointSummary("Log a counseling session held with the worker")]
    public static (CaseChanged, Events) Post(
        LogSessionRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}
