using Counseling.Api.Audit.PersonalDataReads;
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

/// <summary>A counselor's caseload page: counts, this page's open cases and how fresh the projection is.</summary>
public sealed record CaseloadView(
    string CounselorId,
    string CounselorName,
    string OfficeId,
    DateOnly Today,
    int OpenCases,
    Dictionary<string, int> OpenCasesByStage,
    int OverdueFollowUps,
    int SessionsThisMonth,
    int Page,
    int PageSize,
    long TotalItems,
    IReadOnlyList<CaseloadItem> Items,
    Freshness Freshness);

/// <summary>A case on a caseload list: the worker by name and masked NIK only.</summary>
public sealed record CaseloadItem(
    Guid CaseId,
    string WorkerName,
    string MaskedNik,
    CaseStage Stage,
    DateOnly OpenedOn,
    int DaysSinceIntake,
    DateTimeOffset? LastContactAt,
    DateOnly? NextFollowUpOn,
    bool Overdue)
{
    public static CaseloadItem Of(ListedEntry entry, DateOnly today, CaseKey? key) => new(
        entry.Id, PersonalDataProtection.Reveal(entry.WorkerName, key), PersonalDataProtection.MaskedNik(entry.ProtectedNik, key), entry.Stage, entry.OpenedOn, today.DayNumber - entry.OpenedOn.DayNumber,
        entry.LastContactAt, entry.NextFollowUpOn, entry.NextFollowUpOn < today);
}

/// <summary>What a caseload page shows of an entry: read as such, not the whole entry with its journey.</summary>
public sealed record ListedEntry(
    Guid Id, string WorkerName, string ProtectedNik, CaseStage Stage, DateOnly OpenedOn, DateTimeOffset? LastContactAt, DateOnly? NextFollowUpOn);

public static class CaseloadEndpoint
{
    public const int MaxPageSize = 100;

    [WolverineGet("/counselors/{id}/caseload")]
    [ProducesResponseType<CaseloadView>(StatusCodes.Status200OK, "application/json")]
    [Tags("Caseloads")]
    [Authorize(Policy = AccessPolicies.CaseReaders)]
    [EndpointSummary("A counselor's open cases with stage, last contact and next follow-up; filters: stage, overdue; paged")]
    public static async Task<IResult> Get(
        string id, string? stage, string? overdue, string? page, string? pageSize,
        IQuerySession session, TimeProvider clock, ClaimsPrincipal user, PersonalDataKeyRing keyRing, IDocumentStore store,
        CancellationToken cancellation)
    {
        var query = new QueryParameters();
        var stageFilter = query.Enum("stage", stage, CaseloadTable.OpenStages);
        var overdueFilter = query.Bool("overdue", overdue);
        var pageNumber = query.Int("page", page, 1, 1, 100_000);
        var size = query.Int("pageSize", pageSize, 25, 1, MaxPageSize);
        if (query.Problem is { } problem) return problem;

        var today = Wib.DateOf(clock.GetUtcNow());
        // One round trip for the freshness (first, so the data is at least as fresh as it says), the counselor, their
        // month, their counts and the page; nothing is shown before access is checked.
        var batch = session.CreateBatchQuery();
        var freshnessLoad = Freshness.In(batch, session,
            CaseloadProjection.ProjectionName, CounselorMonthlyActivityProjection.ProjectionName);
        var counselorLoad = batch.Load<Counselor>(id);
        var monthLoad = batch.Load<CounselorMonthlyActivity>(CounselorMonthlyActivity.IdFor(id, today));
        var pageLoad = batch.Query<CaseloadEntry>()
            .Where(e => e.CounselorId == id && e.IsOpen
                        && (stageFilter == null || e.Stage == stageFilter)
                        && (overdueFilter == null
                            || (overdueFilter == true && e.NextFollowUpOn != null && e.NextFollowUpOn < today)
                            || (overdueFilter == false && (e.NextFollowUpOn == null || e.NextFollowUpOn >= today))))
            .OrderBy(e => e.NextFollowUpOn).ThenBy(e => e.OpenedOn).ThenBy(e => e.Id)
            .Skip((pageNumber - 1) * size).Take(size)
            .Select(e => new ListedEntry(e.Id, e.WorkerName, e.ProtectedNik, e.Stage, e.OpenedOn, e.LastContactAt, e.NextFollowUpOn))
            .ToList();
        var countsLoad = CaseloadTable.OfCounselor(batch, session, id, today);
        await batch.Execute(cancellation);

        var counselor = await counselorLoad;
        if (counselor is null) return ReferenceProblems.Unknown("counselor", id);
        if (CaseloadAccess.ToCaseload(Caller.From(user)!, counselor) is { } forbidden) return Results.Problem(forbidden);

        var freshness = await freshnessLoad;
        var counts = await countsLoad;
        var month = await monthLoad;
        var listed = await pageLoad;
        // The filtered total comes from the counts already read, not from another query.
        var total = counts.Where(c => stageFilter is null || c.Stage == stageFilter)
            .Sum(c => overdueFilter switch { true => c.Overdue, false => c.Cases - c.Overdue, null => c.Cases });
        // One query for the page's data keys (as many as entries, at most 100), each unwrapped once: the name and the NIK
        // are the only fields a page decrypts.
        var keys = await PersonalDataKeys.ForCasesAsync(session, keyRing, listed.Select(e => e.Id), cancellation);
        // Names and masked NIKs: a personal-data read of every case on the page, whoever reads it.
        await PersonalDataReadLog.RecordListAsync(store, Caller.From(user)!, listed.Select(e => e.Id), "caseload", clock, cancellation);

        return Results.Ok(new CaseloadView(
            counselor.Id, counselor.FullName, counselor.OfficeId, today,
            (int)counts.Sum(c => c.Cases), CaseloadTable.ByStage(counts), (int)counts.Sum(c => c.Overdue),
            month?.SessionsLogged ?? 0,
            pageNumber, size, total,
            [.. listed.Select(e => CaseloadItem.Of(e, today, keys.GetValueOrDefault(e.Id)))],
            freshness));
    }
}
