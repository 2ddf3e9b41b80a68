using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Api.PersonalData;
using Counseling.Domain.Cases;
using Marten;
using Wolverine.Http;

namespace Counseling.Api.Audit.History;

/// <summary>One step of the case's journey, told in a sentence, with the stage it led to.</summary>
public sealed record HistoryEntry(long Version, DateTimeOffset At, DateOnly On, CaseStage StageAfter, string What, RecordedBy By);

/// <summary>A case's journey in plain words, for an auditor's file.</summary>
public sealed record CaseHistory(Guid CaseId, string OfficeId, CaseStage CurrentStage, IReadOnlyList<HistoryEntry> Entries);

public static class CaseHistoryEndpoint
{
    [WolverineGet("/cases/{id}/history")]
    [ProducesResponseType<CaseHistory>(StatusCodes.Status200OK, "application/json")]
    [Authorize(Policy = AccessPolicies.CaseReaders)]
    [Tags("Audit")]
    [EndpointSummary("A readable account of the case's journey: dates, stages, sessions, referrals and outcomes")]
    public static async Task<IResult> Get(
        Guid id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, PersonalDataKeyRing keys, CancellationToken cancellation)
    {
        if ((await CaseReading.OpenAsync(id, "history", user, session, clock, cancellation)).Denied is { } denied) return denied;
        var events = await session.Events.FetchStreamAsync(id, token: cancellation);
        var key = await PersonalDataKeys.ForCaseAsync(session, keys, id, cancellation);

        CounselingCase? state = null;
        var entries = new List<HistoryEntry>(events.Count);
        foreach (var e in events)
        {
            state = CounselingCase.Evolve(state, e.Data);
            entries.Add(new HistoryEntry(e.Version, e.Timestamp, Wib.DateOf(e.Timestamp), state!.Stage,
                JourneyNarrative.Describe(SensitiveFields.Reveal(e.Data, key)), CaseEventsEndpoint.WhoRecorded(e)));
        }
        return Results.Ok(new CaseHistory(id, state!.OfficeId, state.Stage, entries));
    }
}
