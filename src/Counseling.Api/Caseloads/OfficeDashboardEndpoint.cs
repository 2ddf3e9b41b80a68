using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Counseling.Api.Access;
using Counseling.Api.ReferenceData;
using Counseling.Api.Reports;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
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
    int OpenCasesWithBenefitMonthAtRisk,
    IReadOnlyList<CounselorLoad> Counselors,
    PeriodFigures Period,
    Freshness Freshness,
    DateTimeOffset? AsOf = null);

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

    /// <param name="asOf">The dashboard exactly as it stood at this moment, from the events recorded by then.</param>
    [WolverineGet("/offices/{id}/dashboard")]
    [ProducesResponseType<OfficeDashboard>(StatusCodes.Status200OK, "application/json")]
    [Tags("Caseloads")]
    [Authorize(Policy = AccessPolicies.Supervision)]
    [EndpointSummary("An office's caseloads now (or as of a past moment) and its outcomes from..to (default: this month so far)")]
    public static async Task<IResult> Get(
        string id, string? from, string? to, string? asOf, IQuerySession session, ReportReads reads, TimeProvider clock,
        ClaimsPrincipal user, CancellationToken cancellation)
    {
        var query = new QueryParameters();
        var moment = query.PastMoment("asOf", asOf, clock.GetUtcNow());
        var today = Wib.DateOf(moment ?? clock.GetUtcNow());
        var first = query.Date("from", from, new DateOnly(today.Year, today.Month, 1));
        var last = query.Date("to", to, today);
        query.Period(first, last, MaxDays);
        if (query.Problem is { } problem) return problem;
        if (moment is { } past)
        {
            // A replay reads every event of the office's cases: on the read-only connection when one is set (a standby).
            await using var heavy = await reads.OpenAsync(session, cancellation);
            return await AsOfAsync(id, first, last, past, heavy.Session, user, cancellation);
        }

        // One round trip for the freshness (first, so the data is at least as fresh as it says), the office, its days,
        // its staff and its counts; nothing is shown before access is checked.
        var batch = session.CreateBatchQuery();
        var freshnessLoad = Freshness.In(batch, session,
            CaseloadProjection.ProjectionName, OfficeDailyStatisticsProjection.ProjectionName);
        var officeLoad = batch.Load<Office>(id);
        var daysLoad = batch.Query<OfficeDailyStatistics>().Where(d => d.OfficeId == id && d.Day >= first && d.Day <= last).ToList();
        var staffLoad = batch.Query<Counselor>().Where(c => c.OfficeId == id).ToList();
        var countsLoad = CaseloadTable.OfOffice(batch, session, id, today);
        var atRiskLoad = CaseloadTable.WithBenefitMonthAtRisk(batch, session, id, today);
        await batch.Execute(cancellation);

        var office = await officeLoad;
        if (office is null) return ReferenceProblems.Unknown("office", id);
        if (CaseloadAccess.ToDashboard(Caller.From(user)!, office) is { } forbidden) return Results.Problem(forbidden);

        var freshness = await freshnessLoad;
        var counts = await countsLoad;
        var days = await daysLoad;
        var staff = await staffLoad;

        return Results.Ok(Dashboard(office, first, last, today, staff, counts, (int)(await atRiskLoad).Single().Cases, days, freshness, null));
    }

    private static OfficeDashboard Dashboard(
        Office office, DateOnly first, DateOnly last, DateOnly today, IReadOnlyList<Counselor> staff,
        IReadOnlyList<CaseloadTable.Count> counts, int benefitMonthsAtRisk, IReadOnlyList<OfficeDailyStatistics> days, Freshness freshness,
        DateTimeOffset? asOf)
    {
        // Everyone on the office's staff, and anyone else who holds one of its cases.
        var counselors = staff.Select(c => c.Id).Union(counts.Select(c => c.CounselorId)).Order()
            .Select(counselorId => new CounselorLoad(
                counselorId,
                staff.FirstOrDefault(c => c.Id == counselorId)?.FullName,
                (int)counts.Where(c => c.CounselorId == counselorId).Sum(c => c.Cases),
                (int)counts.Where(c => c.CounselorId == counselorId).Sum(c => c.Overdue)))
            .ToList();

        return new OfficeDashboard(
            office.Id, office.Name, first, last, today,
            (int)counts.Sum(c => c.Cases), CaseloadTable.ByStage(counts), benefitMonthsAtRisk, counselors,
            PeriodFigures.Sum(days), freshness, asOf);
    }

    /// <summary>
    /// The dashboard as it stood at <paramref name="asOf"/>: every figure from the office's events recorded by then (see
    /// <see cref="StoreAsOf"/>), folded as the projections fold them, never from today's documents. Follow-ups are overdue
    /// as of that day. Staff names come from today's registry.
    /// </summary>
    private static async Task<IResult> AsOfAsync(
        string id, DateOnly first, DateOnly last, DateTimeOffset asOf, IQuerySession session, ClaimsPrincipal user, CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var officeLoad = batch.Load<Office>(id);
        var staffLoad = batch.Query<Counselor>().Where(c => c.OfficeId == id).ToList();
        var latestLoad = Freshness.In(batch, session, CaseloadProjection.ProjectionName, OfficeDailyStatisticsProjection.ProjectionName);
        await batch.Execute(cancellation);

        var office = await officeLoad;
        if (office is null) return ReferenceProblems.Unknown("office", id);
        if (CaseloadAccess.ToDashboard(Caller.From(user)!, office) is { } forbidden) return Results.Problem(forbidden);

        var day = Wib.DateOf(asOf);
        // Each case as its events had made it, and what they count for the period, as the projections fold them.
        var period = new OfficeDailyStatistics { OfficeId = id };
        var (cases, sequence) = await StoreAsOf.FoldAsync<CounselingCase>(session, asOf, id, null, null, null, (current, e) =>
        {
            var next = CounselingCase.Evolve(current, e.Data);
            if (next is not null && OfficeDailyStatisticsProjection.DayOf(e.Data) is { } on && on >= first && on <= last)
                OfficeDailyStatisticsProjection.Count(period, e.Data, next.OpenedOn);
            return next;
        }, cancellation);

        var counts = cases.Values
            .Where(c => !c.IsClosed)
            .GroupBy(c => (c.CounselorId, c.Stage))
            .Select(g => new CaseloadTable.Count(g.Key.CounselorId, g.Key.Stage, g.Count(), g.Count(c => c.NextFollowUpOn < day)))
            .ToList();

        // The running benefit month of each open case, as the caseload projection marks it, told on that day.
        var atRisk = cases.Values.Count(c => !c.IsClosed && JkpBenefit.For(c, day)?.MonthOn(day) is { Status: BenefitMonthStatus.Due, AtRisk: true });
        var stored = (await latestLoad).LatestEventSequence;
        var freshness = new Freshness(sequence, stored, Math.Max(0, stored - sequence));
        return Results.Ok(Dashboard(office, first, last, day, await staffLoad, counts, atRisk, [period], freshness, asOf));
    }
}
