using JasperFx.Events.Projections;
using JasperFx.Events.Projections.Composite;
using Marten;
using Marten.Events.Projections;

namespace Counseling.Api.Infrastructure;

/// <summary>
/// Every asynchronous projection runs as one member of a single Marten composite projection: the async daemon, and a
/// rebuild, read each page of events once and hand it to every member, then commit all their documents and progress
/// in one transaction (docs/decisions/composite-async-projections.md). Each member keeps its own name and its own row
/// in mt_event_progression ("Caseload:All", ...), always equal to the composite's ("Views:All"), so views still read
/// their freshness by projection name; `projections rebuild` rebuilds the composite, every member in one pass.
/// </summary>
public static class AsyncViews
{
    public const string Name = "Views";

    /// <summary>
    /// Up to 2,000 events a batch (Marten's default: 500) when the projections catch up or are rebuilt: fewer
    /// transactions, and a case's documents are written once for all its events in the batch; larger batches were
    /// slower again (docs/decisions/projection-batch-size.md).
    /// </summary>
    private static void LargeBatches(AsyncOptions options)
    {
        options.BatchSize = 2_000;
        options.MaximumHopperSize = 20_000;
    }

    /// <summary>
    /// Adds a projection to the composite (created by the first call). A new asynchronous projection joins with
    /// <c>options.AddAsyncView&lt;TProjection&gt;()</c> and a replay in verify's ProjectionReplays.
    /// </summary>
    public static void AddAsyncView<TProjection>(this StoreOptions options) where TProjection : IProjectionSource<IDocumentOperations, IQuerySession>, new() =>
        options.Projections.CompositeProjectionFor(Name, composite =>
        {
            LargeBatches(composite.Options);
            composite.Add(new TProjection());
        });

    /// <summary>
    /// The names of every asynchronous projection, the composite's members in its place: the names views read their
    /// freshness by and verify replays.
    /// </summary>
    public static IReadOnlyList<string> AsyncProjectionNames(this IReadOnlyStoreOptions options) =>
    [
        .. options.Events.Projections()
            .Where(p => p.Lifecycle == ProjectionLifecycle.Async)
            .SelectMany(p => p is CompositeProjection<IDocumentOperations, IQuerySession> composite
                ? composite.AllProjections().Select(member => member.Name)
                : [p.Name]),
    ];
}
