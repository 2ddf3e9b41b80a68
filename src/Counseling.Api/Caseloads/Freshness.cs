using Marten;

namespace Counseling.Api.Caseloads;

/// <summary>
/// How current a view is. Projections run behind the writes, so every view says which event it reflects:
/// <see cref="EventSequence"/> is the lowest sequence all its projections have processed (read before the
/// data, so the data is at least that fresh), <see cref="LatestEventSequence"/> the newest event stored,
/// <see cref="Lag"/> the number of events between the two.
/// </summary>
public sealed record Freshness(long EventSequence, long LatestEventSequence, long Lag)
{
    public static async Task<Freshness> ReadAsync(IQuerySession session, CancellationToken cancellation, params string[] projectionNames)
    {
        var shards = await session.DocumentStore.Advanced.AllProjectionProgress(token: cancellation);
        var processed = projectionNames
            .Select(name => shards.FirstOrDefault(s => s.ShardName.StartsWith(name + ":", StringComparison.Ordinal))?.Sequence ?? 0)
            .Min();

        var events = $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events";
        var latest = (await session.AdvancedSql.QueryAsync<long>($"select coalesce(max(seq_id), 0) from {events}", cancellation)).Single();

        return new Freshness(processed, Math.Max(latest, processed), Math.Max(0, latest - processed));
    }
}
