using System.Data;
using Counseling.Api.Caseloads;
using Counseling.Api.Infrastructure;
using Marten;
using Npgsql;

namespace Counseling.Api.Audit.Verification;

/// <summary>
/// Recomputes every asynchronous projection's documents from the events, in memory, with the projections' own code
/// (<see cref="ProjectionReplays"/>), and compares each with the stored document. Everything is read in one READ ONLY
/// transaction at REPEATABLE READ: PostgreSQL itself refuses any write, two verifies at once read side by side, and
/// each projection is compared with the events up to the sequence it had processed in that same snapshot (the daemon
/// commits a projection's documents together with its progress), so writes arriving meanwhile make no false mismatch.
/// An asynchronous projection without a replay is reported, so that a new projection cannot go unchecked.
/// </summary>
public sealed class AsyncProjectionCheck(IDocumentStore store) : IProjectionCheck
{
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(30);

    public string ProjectionName => "asynchronous projections";

    public async Task<long> CheckAsync(IQuerySession session, Action<Mismatch> report, CancellationToken cancellation)
    {
        var projections = store.Options.AsyncProjectionNames();
        if (projections.Count == 0) return 0;

        await WaitForStoredProjectionsAsync(projections, report, cancellation);

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation);
        await using (var readOnly = new NpgsqlCommand("set transaction read only", connection, transaction))
            await readOnly.ExecuteNonQueryAsync(cancellation);
        await using var snapshot = store.QuerySession(Marten.Services.SessionOptions.ForTransaction(transaction));

        long compared = 0;
        foreach (var name in projections)
        {
            if (!ProjectionReplays.ByName.TryGetValue(name, out var replay))
            {
                report(new Mismatch(MismatchKind.ProjectionDiffers, Guid.Empty, null, null,
                    $"The asynchronous projection {name} has no replay in {nameof(ProjectionReplays)}: verify cannot check its documents."));
                continue;
            }
            var processed = await ProcessedSequenceAsync(snapshot, name, cancellation);
            compared += await replay.CompareAsync(new ReplaySnapshot(snapshot, transaction, processed), report, cancellation);
        }
        await transaction.CommitAsync(cancellation);
        return compared;
    }

    /// <summary>The highest sequence any shard of the projection has processed, as this snapshot sees it.</summary>
    private static async Task<long> ProcessedSequenceAsync(IQuerySession snapshot, string projection, CancellationToken cancellation) =>
        (await snapshot.QueryAsync<long>(
            $"select coalesce(max(last_seq_id), 0) from {snapshot.DocumentStore.Options.Events.DatabaseSchemaName}.mt_event_progression where name like ?",
            cancellation, projection + ":%")).Single();

    /// <summary>The stored projections run behind the writes: compare once they have caught up, so the check is recent.</summary>
    private async Task WaitForStoredProjectionsAsync(IReadOnlyList<string> names, Action<Mismatch> report, CancellationToken cancellation)
    {
        var deadline = DateTimeOffset.UtcNow + CatchUpTimeout;
        while (true)
        {
            await using var session = store.QuerySession();
            var freshness = await Freshness.ReadAsync(session, cancellation, [.. names]);
            if (freshness.Lag == 0) return;
            if (DateTimeOffset.UtcNow > deadline)
            {
                report(new Mismatch(MismatchKind.ProjectionDiffers, Guid.Empty, null, null,
                    $"The stored projections were still {freshness.Lag} events behind after {CatchUpTimeout.TotalSeconds} s; " +
                    "compared with the events each had processed."));
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation);
        }
    }
}
