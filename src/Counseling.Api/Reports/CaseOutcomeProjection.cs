using Counseling.Api.Infrastructure;
using Counseling.Domain.Reports;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;

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
        nameof(CaseOutcome.BenefitMonthsDue), nameof(CaseOutcome.BenefitMonthsMet), nameof(CaseOutcome.SoleCounselorId),
    ];

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
        // an index, which no query uses and every update would write. Only the office, which scopes a supervisor's
        // report, has an index. The counselor holdings stay in the JSON.
        options.Schema.For<CaseOutcome>().Duplicate(x => x.OfficeId);
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(CaseOutcome)) return;
            foreach (var member in ReportColumns) mapping.DuplicateField(member);
        });
        options.Events.AddEventType<OutcomeReportExported>();
    }
}
