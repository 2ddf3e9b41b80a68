using Counseling.Api.Localization;
using Microsoft.AspNetCore.Mvc;
using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.Audit.PersonalDataReads;

public sealed record PersonalDataReadEntry(Guid CaseId, string ReaderId, string Role, string View, DateTimeOffset ReadAt);

public static class PersonalDataReadsEndpoint
{
    public const int MaxPageSize = 500;

    [WolverineGet("/audit/personal-data-reads")]
    [ProducesResponseType<List<PersonalDataRead>>(StatusCodes.Status200OK, "application/json")]
    [Authorize(Policy = AccessPolicies.Auditors)]
    [Tags("Audit")]
    [EndpointSummary("Who read which case's personal data, and when: newest first, filtered by case, reader or period")]
    public static async Task<IResult> Get(
        Guid? caseId, string? readerId, DateTimeOffset? from, DateTimeOffset? to, int? limit,
        IQuerySession session, CancellationToken cancellation)
    {
        if (limit is < 1 or > MaxPageSize) return Results.Problem(Problems.InvalidQuery("limit", Texts.Format("Query.Limit", MaxPageSize)));
        if (from > to) return Results.Problem(Problems.InvalidQuery("from", Texts.Get("Query.FromNotAfterTo")));

        var take = limit ?? 100;
        var reads = session.Events.QueryRawEventDataOnly<PersonalDataViewed>().AsQueryable();
        if (caseId is { } forCase) reads = reads.Where(r => r.CaseId == forCase);
        if (readerId is not null) reads = reads.Where(r => r.ReaderId == readerId);
        if (from is { } since) reads = reads.Where(r => r.ReadAt >= since);
        if (to is { } until) reads = reads.Where(r => r.ReadAt <= until);
        var recorded = (await reads.OrderByDescending(r => r.ReadAt).Take(take).ToListAsync(cancellation))
            .Select(r => new PersonalDataReadEntry(r.CaseId, r.ReaderId, r.Role, r.View, r.ReadAt)).ToList();

        // Lists (caseload pages, worklists, follow-ups): one entry per case listed.
        var lists = session.Query<PersonalDataListRead>().AsQueryable();
        if (caseId is { } listedCase) lists = lists.Where(r => r.CaseIds.Contains(listedCase));
        if (readerId is not null) lists = lists.Where(r => r.ReaderId == readerId);
        if (from is { } since3) lists = lists.Where(r => r.ReadAt >= since3);
        if (to is { } until3) lists = lists.Where(r => r.ReadAt <= until3);
        recorded.AddRange((await lists.OrderByDescending(r => r.ReadAt).Take(take).ToListAsync(cancellation))
            .SelectMany(r => r.CaseIds.Where(id => caseId is null || id == caseId)
                .Select(id => new PersonalDataReadEntry(id, r.ReaderId, r.Role, r.View, r.ReadAt))));

        // Reads recorded before they became events, as documents.
        var earlier = session.Query<PersonalDataRead>().AsQueryable();
        if (caseId is { } forCase2) earlier = earlier.Where(r => r.CaseId == forCase2);
        if (readerId is not null) earlier = earlier.Where(r => r.ReaderId == readerId);
        if (from is { } since2) earlier = earlier.Where(r => r.ReadAt >= since2);
        if (to is { } until2) earlier = earlier.Where(r => r.ReadAt <= until2);
        var older = (await earlier.OrderByDescending(r => r.ReadAt).Take(take).ToListAsync(cancellation))
            .Select(r => new PersonalDataReadEntry(r.CaseId, r.ReaderId, r.Role, r.View, r.ReadAt));

        return Results.Ok(recorded.Concat(older).OrderByDescending(r => r.ReadAt).Take(take).ToList());
    }
}
