using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Counseling.Api.Access;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.Caseloads;

/// <summary>An office's open cases by stage and counselor, and its outcomes over a period.</summary>
public sealed record OfficeDashboard(
    string OfficeId,
    string OfficeName,
    DateOnly From,
    DateOnly To,
    DateOnly Today,
    int OpenCases,
    Dictionary<string, int> OpenCasesByStage,
    IReadOnlyList<CounselorLoad> Counselors,
    PeriodFigures Period,
    Freshness Freshness);

/// <summary>One counselor's open cases and overdue follow-ups.</summary>
public sealed record CounselorLoad(string CounselorId, string? FullName, int OpenCases, int OverdueFollowUps);

/// <summary>
/// What happened from..to. The placement rate is the share of cases closed in the period that were closed
/// because the worker found work (placed or self-employed); the pass rate is the share of competency tests
/// decided in the period that certified the worker competent. A rate or median with nothing to count is null.
/// </summary>
public sealed record PeriodFigures(
    int NewCases,
    int Placements,
    int SelfEmployments,
    int CasesClosed,
    int CasesClosedWithWork,
    decimal? PlacementRate,
    decimal? MedianDaysFromIntakeToPlacement,
    int TrainingReferrals,
    int TrainingCompletions,
    int CompetencyTestsTaken,
    int CompetencyTestsPassed,
    decimal? CompetencyTestPassRate)
{
    public static PeriodFigures Sum(IReadOnlyList<OfficeDailyStatistics> days)
    {
        var closed = days.Sum(d => d.CasesClosed);
        var closedWithWork = days.Sum(d => d.CasesClosedWithWork);
        var passed = days.Sum(d => d.CompetencyTestsPassed);
        var taken = passed + days.Sum(d => d.CompetencyTestsFailed);
        var daysToPlacement = days.SelectMany(d => d.PlacementsByDaysSinceIntake)
            .GroupBy(p => p.Key)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Value));

        return new PeriodFigures(
            days.Sum(d => d.NewCases),
            days.Sum(d => d.Placements),
            days.Sum(d => d.SelfEmployments),
            closed,
            closedWithWork,
            Rate(closedWithWork, closed),
            Median(daysToPlacement),
            days.Sum(d => d.TrainingReferrals),
            days.Sum(d => d.TrainingCompletions),
            taken,
            passed,
            Rate(passed, taken));
    }

    private static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);

    /// <summary>The median of values given as value → how many times it occurs.</summary>
    private static decimal? Median(IReadOnlyDictionary<int, int> histogram)
    {
        var count = histogram.Values.Sum();
        if (count == 0) return null;

        // The values at (zero-based) positions lower and upper of the sorted list; equal for an odd count.
        var lower = (count - 1) / 2;
        var upper = count / 2;
        int? lowerValue = null, upperValue = null;
        var seen = 0;
        foreach (var (value, times) in histogram.OrderBy(p => p.Key))
        {
            seen += times;
            if (lowerValue is null && seen > lower) lowerValue = value;
            if (seen > upper) { upperValue = value; break; }
        }
        return (lowerValue!.Value + upperValue!.Value) / 2m;
    }
}

public static class OfficeDashboardEndpoint
{
    public const int MaxDays = 366;

    [WolverineGet("/offices/{id}/dashboard")]
    [ProducesResponseType<OfficeDashboard>(StatusCodes.Status200OK, "application/json")]
    [Tags("Caseloads")]
    [Authorize(Policy = AccessPolicies.Supervision)]
    [EndpointSummary("An office's caseloads now and its outcomes from..to (default: this month so far)")]
    public static async Task<IResult> Get(
        string id, string? from, string? to, IQuerySession session, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellation)
    {
        var today = Wib.DateOf(clock.GetUtcNow());
        var query = new QueryParameters();
        var first = query.Date("from", from, new DateOnly(today.Year, today.Month, 1));
        var last = query.Date("to", to, today);
        query.Period(first, last, MaxDays);
        if (query.Problem is { } problem) return problem;

        // One round trip for the freshness (first, so the data is at least as fresh as it says), the office, its days,
        // its staff and its counts; nothing is shown before access is checked.
        var batch = session.CreateBatchQuery();
        var freshnessLoad = Freshness.In(batch, session,
            CaseloadProjection.ProjectionName, OfficeDailyStatisticsProjection.ProjectionName);
        var officeLoad = batch.Load<Office>(id);
        var daysLoad = batch.Query<OfficeDailyStatistics>().Where(d => d.OfficeId == id && d.Day >= first && d.Day <= last).ToList();
        var staffLoad = batch.Query<Counselor>().Where(c => c.OfficeId == id).ToList();
        var countsLoad = CaseloadTable.OfOffice(batch, session, id, today);
        await batch.Execute(cancellation);

        var office = await officeLoad;
        if (office is null) return ReferenceProblems.Unknown("office", id);
        if (CaseloadAccess.ToDashboard(Caller.From(user)!, office) is { } forbidden) return Results.Problem(forbidden);

        var freshness = await freshnessLoad;
        var counts = await countsLoad;
        var days = await daysLoad;
        var staff = await staffLoad;

        // Everyone on the office's staff, and anyone else who holds one of its cases.
        var counselors = staff.Select(c => c.Id).Union(counts.Select(c => c.CounselorId)).Order()
            .Select(counselorId => new CounselorLoad(
                counselorId,
                staff.FirstOrDefault(c => c.Id == counselorId)?.FullName,
                (int)counts.Where(c => c.CounselorId == counselorId).Sum(c => c.Cases),
                (int)counts.Where(c => c.CounselorId == counselorId).Sum(c => c.Overdue)))
            .ToList();

        return Results.Ok(new OfficeDashboard(
            office.Id, office.Name, first, last, today,
            (int)counts.Sum(c => c.Cases), CaseloadTable.ByStage(counts), counselors,
            PeriodFigures.Sum(days), freshness));
    }
}
