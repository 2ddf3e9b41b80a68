using Counseling.Domain.Reports;
using JasperFx.Events;
using JasperFx.Events.Projections;
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

    public CaseOutcomeProjection() => Name = ProjectionName;

    public override CaseOutcome? Evolve(CaseOutcome? outcome, Guid id, IEvent e) => CaseOutcome.Evolve(outcome, e.Data);
}

public static class ReportStore
{
    /// <summary>The projections behind the reports, run by the async daemon and rebuilt by `projections rebuild`.</summary>
    public static void AddReports(this StoreOptions options)
    {
        options.Projections.Add<CaseOutcomeProjection>(ProjectionLifecycle.Async, shard =>
        {
            // As the caseload projections (CaseloadStore): larger batches when catching up or rebuilding.
            shard.BatchSize = 2_000;
            shard.MaximumHopperSize = 20_000;
        });
        // Reports filter on the office and the intake day; everything else is read from the row's JSON.
        options.Schema.For<CaseOutcome>().Duplicate(x => x.OfficeId).Duplicate(x => x.OpenedOn);
        options.Events.AddEventType<OutcomeReportExported>();
    }
}
