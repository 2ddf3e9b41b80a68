using Marten;
using Marten.Services.BatchQuerying;

namespace Counseling.Api.Caseloads;

/// <summary>
/// How current a view is. Projections run behind the writes, so every view says which event it reflects:
/// <see cref="EventSequence"/> is the lowest sequence all its projections have processed (read before the
/// data, so the data is at least that fresh), <see cref="LatestEventSequence"/> the newest event stored,
/// <see cref="Lag"/> the number of events between the two.
/// </summary>
public sealed record Freshness(long EventSequence, long LatestEventSequence, long Lag)
{
    /// <summary>One query: the lowest progress among <paramref name="projectionNames"/> and the newest event stored.</summary>
    public static async Task<Freshness> ReadAsync(IQuerySession session, CancellationToken cancellation, params string[] projectionNames)
    {
        var batch = session.CreateBatchQuery();
        var freshness = In(batch, session, projectionNames);
        await batch.Execute(cancellation);
        return await freshness;
    }

    /// <summary>
    /// The same query as one more statement of <paramref name="batch"/>, answered once the batch has run. Added before
    /// the data's statements, it is read before them, so the data is at least as fresh as it says.
    /// </summary>
    public static async Task<Freshness> In(IBatchedQuery batch, IQuerySession session, params string[] projectionNames)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var positions = (await batch.Query<Positions>(
            $"""
             select jsonb_build_object(
               'processed', (select min(coalesce((select max(p.last_seq_id) from {schema}.mt_event_progression p
                                                  where p.name like n.name || ':%'), 0))
                             from unnest(?::text[]) as n(name)),
               'latest', (select coalesce(max(seq_id), 0) from {schema}.mt_events))
             """,
            (object)projectionNames)).Single();

        return new Freshness(positions.Processed, Math.Max(positions.Latest, positions.Processed),
            Math.Max(0, positions.Latest - positions.Processed));
    }

    // A row type without an Id comes back deserialized from the JSON the query builds.
    private sealed record Positions(long Processed, long Latest);
}
