using Counseling.Api.Caseloads;
using CsvHelper;
using Counseling.Domain.Reports;
using Marten;
using Marten.Services.BatchQuerying;

namespace Counseling.Api.Reports;

public enum OutcomeGrouping
{
    Office,
    Counselor,
    IntakeMonth,
    TrainingPath,
    TerminationReason,
}

/// <summary>
/// The figures of one group of cases: the cases opened from..to that fall in the group, and what they achieved by the
/// report's cut (today, or asOf). Counts are decimals because a case is divided among the counselors who held it
/// (groupBy=counselor); in every other grouping they are whole. A CSV export has the same columns, named as in JSON. A rate, share or median with nothing to count is null;
/// placedWithinNDays is null while some case of the group is younger than N days at the cut (the cohort triangle).
/// </summary>
/// <param name="BenefitMonthsMetShare">
/// Of the JKP benefit months of the group's cases that ended in from..to before the cut's day (a month counts in the
/// period in which its last day falls; a month still running is not counted), the share whose conditions the worker met
/// (Permenaker 15/2021 Pasal 13 as amended by Permenaker 2/2025), on the evidence recorded by the cut (asOf) or by now;
/// months whose right was lost (new employment or death, PP 6/2025 Pasal 40; a claim out of time) are not counted.
/// Null when no month ended.
/// </param>
[CsvRecord]
public sealed partial record OutcomeGroup(
    [property: CsvColumn("group")] string Group,
    [property: CsvColumn("casesOpened")] decimal CasesOpened,
    [property: CsvColumn("placed")] decimal Placed,
    [property: CsvColumn("selfEmployed")] decimal SelfEmployed,
    [property: CsvColumn("placementRate")] decimal? PlacementRate,
    [property: CsvColumn("medianDaysToPlacement")] decimal? MedianDaysToPlacement,
    [property: CsvColumn("placementsFollowedUp")] decimal PlacementsFollowedUp,
    [property: CsvColumn("stillEmployedAtFollowUp")] decimal StillEmployedAtFollowUp,
    [property: CsvColumn("medianStartingWageRupiah")] decimal? MedianStartingWageRupiah,
    [property: CsvColumn("competencyTestsPassed")] decimal CompetencyTestsPassed,
    [property: CsvColumn("benefitMonthsMetShare")] decimal? BenefitMonthsMetShare,
    [property: CsvColumn("placedWithin30Days")] decimal? PlacedWithin30Days,
    [property: CsvColumn("placedWithin60Days")] decimal? PlacedWithin60Days,
    [property: CsvColumn("placedWithin90Days")] decimal? PlacedWithin90Days,
    [property: CsvColumn("placedWithin180Days")] decimal? PlacedWithin180Days);

/// <summary>
/// An outcome report: the query it answers (the grouping, the office or null for all, the intake days from..to), the day
/// of its cut (today, or the day of asOf), the moment asked for (null: as the projection stands), one row per group, and
/// how fresh the figures are.
/// </summary>
public sealed record OutcomeReportAnswer(
    string GroupBy,
    string? OfficeId,
    DateOnly From,
    DateOnly To,
    DateOnly CutOn,
    DateTimeOffset? AsOf,
    IReadOnlyList<OutcomeGroup> Groups,
    Freshness Freshness);

/// <summary>
/// Outcome reports: one SQL statement aggregates the <see cref="CaseOutcome"/> rows of the cases opened from..to (their
/// columns, see <see cref="ReportStore"/>), so only the groups travel. The report as of a past moment runs the same
/// statement over outcomes folded from the events recorded by then (see <see cref="StoreAsOf"/>), passed in as one JSON
/// array instead of the table.
/// </summary>
public static class OutcomeReport
{
    public static readonly int[] CohortDays = [30, 60, 90, 180];

    public sealed record Query(OutcomeGrouping GroupBy, DateOnly From, DateOnly To, string? OfficeId);

    /// <summary>The report from the CaseOutcome projection, as it stands.</summary>
    public static async Task<OutcomeReportAnswer> CurrentAsync(IQuerySession session, Query query, DateOnly today, CancellationToken cancellation)
    {
        var table = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(CaseOutcome)).TableName.QualifiedName;
        var batch = session.CreateBatchQuery();
        // Freshness first: the figures are at least as fresh as it says.
        var freshness = Freshness.In(batch, session, CaseOutcomeProjection.ProjectionName);
        var rows = Rows(batch, query, today,
            $"""
             select t.office_id, t.opened_on, t.termination_reason, t.training_path, t.placed_on, t.starting_wage_rupiah,
                    t.still_employed_at_follow_up, t.self_employed_on, t.closed_on, t.competency_tests_passed,
                    {BenefitMonthsEnded("t.benefit_months_met", "t.benefit_months_not_met")},
                    t.sole_counselor_id,
                    {(query.GroupBy == OutcomeGrouping.Counselor ? "case when t.sole_counselor_id is null then t.data -> 'holdings' end" : "null::jsonb")}
             from {table} t, params p
             where t.opened_on between p.from_day and p.to_day and (p.office = '' or t.office_id = p.office)
             """);
        await batch.Execute(cancellation);
        return Answer(query, today, null, await rows, await freshness);
    }

    /// <summary>
    /// The report as it stood at <paramref name="asOf"/>: from the events recorded by then, not from the projection; with
    /// <paramref name="throughSequence"/>, only from the events up to that sequence (an audit checkpoint's).
    /// </summary>
    public static async Task<OutcomeReportAnswer> AsOfAsync(
        IQuerySession session, Query query, DateTimeOffset asOf, CancellationToken cancellation, long? throughSequence = null)
    {
        var (past, sequence) = await StoreAsOf.FoldAsync<CaseOutcome>(session, asOf, query.OfficeId, query.From, query.To,
            CaseOutcome.EventTypes, (outcome, e) => CaseOutcome.Evolve(outcome, e.Data), cancellation, throughSequence);
        var outcomes = session.DocumentStore.Options.Serializer().ToJson(past.Values.ToList());
        var batch = session.CreateBatchQuery();
        var latest = Freshness.In(batch, session, CaseOutcomeProjection.ProjectionName);
        var cut = Domain.Cases.Wib.DateOf(asOf);
        var rows = Rows(batch, query, cut,
            $"""
            select e.value ->> 'officeId', (e.value ->> 'openedOn')::date, e.value ->> 'terminationReason', e.value ->> 'trainingPath',
                   (e.value ->> 'placedOn')::date, (e.value ->> 'startingWageRupiah')::bigint, (e.value ->> 'stillEmployedAtFollowUp')::boolean,
                   (e.value ->> 'selfEmployedOn')::date, (e.value ->> 'closedOn')::date, (e.value ->> 'competencyTestsPassed')::int,
                   {BenefitMonthsEnded("array(select jsonb_array_elements_text(e.value -> 'benefitMonthsMet')::date)",
                       "array(select jsonb_array_elements_text(e.value -> 'benefitMonthsNotMet')::date)")},
                   e.value ->> 'soleCounselorId', case when e.value ->> 'soleCounselorId' is null then e.value -> 'holdings' end
            from jsonb_array_elements(?::jsonb) e, params p
            """, outcomes);
        await batch.Execute(cancellation);
        var stored = (await latest).LatestEventSequence;
        // What the answer reflects: every event up to the cut's sequence, and none of those recorded since.
        var freshness = new Freshness(sequence, stored, Math.Max(0, stored - sequence));
        return Answer(query, cut, asOf, await rows, freshness);
    }

    private static OutcomeReportAnswer Answer(Query query, DateOnly cut, DateTimeOffset? asOf, IReadOnlyList<Row> rows, Freshness freshness) =>
        new(QueryParameters.JsonName(query.GroupBy), query.OfficeId, query.From, query.To, cut, asOf,
            [.. rows.Select(r => r.ToGroup(cut))], freshness);

    private static Task<IReadOnlyList<Row>> Rows(IBatchedQuery batch, Query query, DateOnly cut, string source, params object[] sourceParameters)
    {
        // A row type without an Id comes back deserialized from the JSON the query builds.
        return batch.Query<Row>(
            $"""
             with params as (select ?::date as from_day, ?::date as to_day, ?::date as cut, ?::text as office),
             outcomes (office_id, opened_on, termination_reason, training_path, placed_on, starting_wage, still_employed,
                       self_employed_on, closed_on, tests_passed, benefit_met, benefit_not_met, sole_counselor_id, holdings) as ({source}),
             credited as ({Credited(query.GroupBy)})
             select jsonb_build_object(
               'group', group_key,
               'casesOpened', sum(weight),
               'placed', coalesce(sum(weight) filter (where placed_on is not null), 0),
               'selfEmployed', coalesce(sum(weight) filter (where self_employed_on is not null), 0),
               'medianDaysToPlacement', percentile_cont(0.5) within group (order by placed_on - opened_on) filter (where placed_on is not null),
               'placementsFollowedUp', coalesce(sum(weight) filter (where still_employed is not null), 0),
               'stillEmployedAtFollowUp', coalesce(sum(weight) filter (where still_employed), 0),
               'medianStartingWageRupiah', percentile_cont(0.5) within group (order by starting_wage) filter (where placed_on is not null),
               'competencyTestsPassed', sum(weight * tests_passed),
               'benefitMonthsDue', sum(weight * (benefit_met + benefit_not_met)),
               'benefitMonthsMet', sum(weight * benefit_met),
               'newestIntake', max(opened_on),
               'placedWithin30Days', coalesce(sum(weight) filter (where placed_on - opened_on <= 30), 0),
               'placedWithin60Days', coalesce(sum(weight) filter (where placed_on - opened_on <= 60), 0),
               'placedWithin90Days', coalesce(sum(weight) filter (where placed_on - opened_on <= 90), 0),
               'placedWithin180Days', coalesce(sum(weight) filter (where placed_on - opened_on <= 180), 0))
             from credited
             where weight > 0
             group by group_key
             order by group_key
             """,
            [query.From, query.To, cut, query.OfficeId ?? "", .. sourceParameters]);
    }

    /// <summary>
    /// A case's benefit months that count in the report, met and not met, from the last days of its months met and not met
    /// (two date[] expressions, each in ascending order): a month counts in the period in which it ended, that is when its
    /// last day lies in from..to and before the cut's day (a month whose last day is the cut's day is still running).
    /// width_bucket counts the days up to a bound by binary search in the sorted array: a plain function call per row,
    /// where unnesting each array in a subquery made the national report several times slower.
    /// </summary>
    private static string BenefitMonthsEnded(string metDays, string notMetDays)
    {
        static string Ended(string days) =>
            $"greatest(0, width_bucket(least(p.to_day, p.cut - 1), {days}) - width_bucket(p.from_day - 1, {days}))";
        return $"{Ended(metDays)}, {Ended(notMetDays)}";
    }

    /// <summary>
    /// One row per case and group, with the case's weight in it: 1, except by counselor, where a case that changed hands
    /// gives each counselor who held it the share of its days they held it, from the intake to the day work started, else the closure, else
    /// the cut (the same rule as <see cref="CaseOutcome.Shares"/>, which the domain tests pin down).
    /// </summary>
    private static string Credited(OutcomeGrouping groupBy) => groupBy switch
    {
        OutcomeGrouping.Counselor =>
            """
            select o.*, o.sole_counselor_id as group_key, 1::numeric as weight
            from outcomes o
            where o.sole_counselor_id is not null
            union all
            select o.*, g.group_key, g.weight
            from outcomes o, params p,
              lateral (select greatest(coalesce(least(o.placed_on, o.self_employed_on), o.closed_on, p.cut), o.opened_on) as end_day) e,
              lateral (
                select h."counselorId" as group_key,
                       sum(case when e.end_day = o.opened_on
                                then case when h."from" <= e.end_day and coalesce(h.until, 'infinity'::date) > e.end_day then 1 else 0 end
                                else greatest(0, least(coalesce(h.until, e.end_day), e.end_day) - greatest(h."from", o.opened_on))::numeric
                                     / (e.end_day - o.opened_on) end) as weight
                from jsonb_to_recordset(o.holdings) as h("counselorId" text, "from" date, until date)
                group by h."counselorId") g
            where o.sole_counselor_id is null
            """,
        // Whole weights as integers: integer sums are cheaper than numeric ones.
        _ => $"select o.*, {GroupKey(groupBy)} as group_key, 1 as weight from outcomes o",
    };

    private static string GroupKey(OutcomeGrouping groupBy) => groupBy switch
    {
        OutcomeGrouping.Office => "o.office_id",
        OutcomeGrouping.IntakeMonth => "to_char(o.opened_on, 'YYYY-MM')",
        OutcomeGrouping.TrainingPath => "o.training_path",
        OutcomeGrouping.TerminationReason => "o.termination_reason",
        _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, null),
    };

    private sealed record Row(
        string Group, decimal CasesOpened, decimal Placed, decimal SelfEmployed, double? MedianDaysToPlacement,
        decimal PlacementsFollowedUp, decimal StillEmployedAtFollowUp, double? MedianStartingWageRupiah, decimal CompetencyTestsPassed,
        decimal? BenefitMonthsDue, decimal? BenefitMonthsMet, DateOnly NewestIntake,
        decimal PlacedWithin30Days, decimal PlacedWithin60Days, decimal PlacedWithin90Days, decimal PlacedWithin180Days)
    {
        public OutcomeGroup ToGroup(DateOnly cut) => new(
            Group,
            Tidy(CasesOpened),
            Tidy(Placed),
            Tidy(SelfEmployed),
            CasesOpened == 0 ? null : Tidy(Placed / CasesOpened),
            MedianDaysToPlacement is { } days ? Tidy((decimal)days) : null,
            Tidy(PlacementsFollowedUp),
            Tidy(StillEmployedAtFollowUp),
            MedianStartingWageRupiah is { } wage ? Tidy((decimal)wage) : null,
            Tidy(CompetencyTestsPassed),
            BenefitMonthsDue is > 0 && BenefitMonthsMet is { } met ? Tidy(met / BenefitMonthsDue.Value) : null,
            Observed(30, PlacedWithin30Days, cut),
            Observed(60, PlacedWithin60Days, cut),
            Observed(90, PlacedWithin90Days, cut),
            Observed(180, PlacedWithin180Days, cut));

        /// <summary>A cohort cell once every case of the group has been open N days at the cut; null before.</summary>
        private decimal? Observed(int days, decimal placed, DateOnly cut) => NewestIntake.AddDays(days) <= cut ? Tidy(placed) : null;
    }

    /// <summary>Four decimal places, without trailing zeros (3, not 3.0000).</summary>
    private static decimal Tidy(decimal value) => Math.Round(value, 4) / 1.0000000000000000000000000000m;
}
