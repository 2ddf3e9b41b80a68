using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Api.PersonalData;
using Counseling.Domain.Cases;
using JasperFx.Events;
using Marten;
using Wolverine.Http;

namespace Counseling.Api.Audit.History;

/// <summary>Who recorded an event: user id and role.</summary>
public sealed record RecordedBy(string UserId, string Role);

/// <summary>One stored event with everything an auditor needs to place it: when, by whom, in answer to what, sealed how.</summary>
public sealed record RecordedEvent(
    long Sequence,
    long Version,
    string Type,
    DateTimeOffset Timestamp,
    object Data,
    RecordedBy RecordedBy,
    string? CorrelationId,
    string? CausationId,
    string? Hash,
    string? PreviousHash);

public static class CaseEventsEndpoint
{
    [WolverineGet("/cases/{id}/events")]
    [ProducesResponseType<List<RecordedEvent>>(StatusCodes.Status200OK, "application/json")]
    [Authorize(Policy = AccessPolicies.CaseReaders)]
    [Tags("Audit")]
    [EndpointSummary("Every event of a case in order, with who recorded it, when, why, and its seal")]
    public static async Task<IResult> Get(
        Guid id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, PersonalDataKeyRing keys, CancellationToken cancellation)
    {
        if ((await CaseReading.OpenAsync(id, "events", user, session, clock, cancellation)).Denied is { } denied) return denied;
        var events = await session.Events.FetchStreamAsync(id, token: cancellation);

        var seals = (await session.LoadManyAsync<EventSeal>(cancellation,
                events.Select(e => EventSeal.IdFor(id, e.Version)).ToArray()))
            .ToDictionary(s => s.Version);
        var key = await PersonalDataKeys.ForCaseAsync(session, keys, id, cancellation);
        return Results.Ok(events.Select(e => Describe(e, seals.GetValueOrDefault(e.Version), key)).ToList());
    }


    public static RecordedBy WhoRecorded(IEvent e) => new(
        e.UserName ?? AuditTrail.Anonymous,
        e.GetHeader(AuditTrail.RoleHeader)?.ToString() ?? AuditTrail.Anonymous);

    private static RecordedEvent Describe(IEvent e, EventSeal? seal, CaseKey? key) => new(
        e.Sequence, e.Version, e.EventTypeName, e.Timestamp, SensitiveFields.Reveal(e.Data, key), WhoRecorded(e),
        e.CorrelationId, e.CausationId, seal?.Hash, seal?.PreviousHash);
}
