using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Counseling.Api.Access;
using Counseling.Api.PersonalData;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.Caseloads;

/// <summary>A counselor's follow-ups due in a period and every overdue one, with how fresh the projection is.</summary>
public sealed record FollowUpWorklist(
    string CounselorId,
    DateOnly From,
    DateOnly To,
    DateOnly Today,
    int Due,
    int Overdue,
    IReadOnlyList<FollowUpItem> Items,
    Freshness Freshness);

/// <summary>One follow-up: the case, the worker, when it is due and whether it is overdue.</summary>
public sealed record FollowUpItem(
    Guid CaseId,
    string WorkerName,
    string MaskedNik,
    CaseStage Stage,
    DateOnly FollowUpOn,
    DateTimeOffset? LastContactAt,
    bool Overdue,
    int DaysOverdue);

public static class FollowUpsEndpoint
{
    public const int DefaultDays = 7;
    public const int MaxDays = 92;
    public const int MaxItems = 500;

    [WolverineGet("/counselors/{id}/follow-ups")]
    [ProducesResponseType<FollowUpWorklist>(StatusCodes.Status200OK, "application/json")]
    [Tags("Caseloads")]
    [Authorize(Policy = AccessPolicies.CaseReaders)]
    [EndpointSummary("A counselor's worklist: follow-ups due from..to (default: the coming week) and every overdue one")]
    public static async Task<IResult> Get(
        string id, string? from, string? to, IQuerySession session, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellation)
    {
        var today = Wib.DateOf(clock.GetUtcNow());
        var query = new QueryParameters();
        var first = query.Date("from", from, today);
        var last = query.Date("to", to, first.AddDays(DefaultDays - 1));
        query.Period(first, last, MaxDays);
        if (query.Problem is { } problem) return problem;

        var counselor = await session.LoadAsync<Counselor>(id, cancellation);
        if (counselor is null) return ReferenceProblems.Unknown("counselor", id);
        if (CaseloadAccess.ToCaseload(Caller.From(user)!, counselor) is { } forbidden) return Results.Problem(forbidden);

        var freshness = await Freshness.ReadAsync(session, cancellation, CaseloadProjection.ProjectionName);
        var entries = await session.Query<CaseloadEntry>()
            .Where(e => e.CounselorId == id && e.IsOpen && e.NextFollowUpOn != null && e.NextFollowUpOn <= last
                        && (e.NextFollowUpOn >= first || e.NextFollowUpOn < today))
            .OrderBy(e => e.NextFollowUpOn).ThenBy(e => e.Id)
            .Take(MaxItems)
            .ToListAsync(cancellation);

        var keys = await PersonalDataKeys.ForCasesAsync(session, entries.Select(e => e.Id), cancellation);
        var items = entries.Select(e =>
        {
            var due = e.NextFollowUpOn!.Value;
            var maskedNik = PersonalDataProtection.MaskedNik(e.ProtectedNik, keys.GetValueOrDefault(e.Id));
            return new FollowUpItem(e.Id, e.WorkerName, maskedNik, e.Stage, due, e.LastContactAt,
                due < today, Math.Max(0, today.DayNumber - due.DayNumber));
        }).ToList();

        return Results.Ok(new FollowUpWorklist(
            counselor.Id, first, last, today, items.Count(i => !i.Overdue), items.Count(i => i.Overdue), items, freshness));
    }
}
