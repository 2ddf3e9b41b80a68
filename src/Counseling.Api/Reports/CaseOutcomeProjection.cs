using Counseling.Api.Infrastructure;
using Counseling.Domain.Reports;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Weasel.Postgresql.Tables;

namespace Counseling.Api.Reports;

/// <summary>
/// Keeps a <see cref="CaseOutcome"/> per case, asynchronously, from the case's events (the evolution lives in the
/// domain). Outcome reports aggregate these in SQL, so a national report reads one small row per case.
/// </summary>
public sealed partial class CaseOutcomeProjection : SingleStreamProjection<CaseOutcome, Guid>
{
    public const string ProjectionName = "CaseOutcome";

    public CaseOutcomeProjection()
    {
        Name = ProjectionName;
        // Only the events the outcome folds: sessions, the bulk of every stream, neither load nor rewrite the document.
        foreach (var type in CaseOutcome.EventTypes) IncludeType(type);
    }

    public override CaseOutcome? Evolve(CaseOutcome? outcome, Guid id, IEvent e) => CaseOutcome.Evolve(outcome, e.Data);
}

public static class ReportStore
{
    /// <summary>The CaseOutcome members kept as columns (snake_case names, as <see cref="OutcomeReport"/> reads them).</summary>
    private static readonly string[] ReportColumns =
    [
        nameof(CaseOutcome.OpenedOn), nameof(CaseOutcome.TerminationReason), nameof(CaseOutcome.TrainingPath),
        nameof(CaseOutcome.PlacedOn), nameof(CaseOutcome.StartingWageRupiah), nameof(CaseOutcome.StillEmployedAtFollowUp),
        nameof(CaseOutcome.SelfEmployedOn), nameof(CaseOutcome.ClosedOn), nameof(CaseOutcome.CompetencyTestsPassed),
        nameof(CaseOutcome.SoleCounselorId),
    ];

    /// <summary>The benefit months' last days, which a report counts against its period and cut (date[], as the caseload's).</summary>
    private static readonly string[] ReportDateArrays = [nameof(CaseOutcome.BenefitMonthsMet), nameof(CaseOutcome.BenefitMonthsNotMet)];

    /// <summary>The covering index the reports scan: the intake day, then every column they read.</summary>
    public const string ReportIndexName = "mt_doc_caseoutcome_idx_report";

    /// <summary>
    /// The projection behind the reports, run by the async daemon and rebuilt by `projections rebuild` as a member of
    /// the composite of every asynchronous projection (<see cref="AsyncViews"/>).
    /// </summary>
    public static void AddReports(this StoreOptions options)
    {
        options.AddAsyncView<CaseOutcomeProjection>();
        // Every figure a report aggregates is a real column, so a national report reads 50,000 narrow rows rather than
        // parsing and sorting 50,000 JSON documents (with the documents, the sort alone spilled to disk: 350 ms of
        // database time at the benchmark volume). Declared on the mapping itself: Duplicate() would also give each one
        // an index of its own, which no query uses and every update would write. The office, which scopes a supervisor's
        // report, has one; the others are in the one covering index below. The counselor holdings stay in the JSON, so
        // groupBy=counselor still reads the rows.
        options.Schema.For<CaseOutcome>().Duplicate(x => x.OfficeId);
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(CaseOutcome)) return;
            var columns = ReportColumns.Select(member => mapping.DuplicateField(member).ColumnName)
                .Concat(ReportDateArrays.Select(member => mapping.DuplicateField(member, pgType: "date[]").ColumnName))
                .ToList();
            var openedOn = columns[Array.IndexOf(ReportColumns, nameof(CaseOutcome.OpenedOn))];
            // Every column a report reads, beside the intake day it filters on: the report scans this narrow index
            // (index-only, on a vacuumed table) instead of the rows, which carry each case's JSON too.
            mapping.Indexes.Add(new IndexDefinition(ReportIndexName)
            {
                Columns = [openedOn],
                IncludeColumns = [.. columns.Where(c => c != openedOn), "office_id"],
            });
        });
        options.Events.AddEventType<OutcomeReportExported>();
        options.Events.AddEventType<Monthly.MonthlyReportProduced>();
    }
}
