using Counseling.Api.Audit.Checkpoints;
using Counseling.Api.Infrastructure;
using Npgsql;

namespace Counseling.Api.Reports.Monthly;

/// <summary>
/// Which signed audit checkpoint a month's report is computed at: the first one in the archive (lowest sequence) that
/// was issued at or after the month's end and reaches every event recorded by then. Taking the first, not the newest,
/// keeps the document the same however many checkpoints are issued later (the schedule writes one every 10 minutes by default). When the
/// archive holds none yet, one is issued now (the month has ended, so it qualifies). The report reads only the events up
/// to its sequence, so even an event appended later with an older timestamp cannot change it.
/// </summary>
public sealed class MonthlyCheckpoint(
    CheckpointArchive archive, CheckpointVerifier verifier, CheckpointLedger ledger, StoreIdentities identities, Marten.IDocumentStore store)
{
    /// <summary>The checkpoint, or null with the sequence that is needed when the newest checkpoint does not reach it yet.</summary>
    public async Task<(Checkpoint? Checkpoint, long Needed, long Newest)> ForAsync(DateTimeOffset monthEnd, CancellationToken cancellation)
    {
        var needed = await SequenceRecordedByAsync(monthEnd, cancellation);
        var storeId = await identities.IdAsync(cancellation);
        foreach (var sequence in archive.CheckpointSequences(storeId).Where(s => s >= needed))
        {
            var checkpoint = await archive.ReadCheckpointAsync(storeId, sequence, cancellation);
            if (checkpoint is null || checkpoint.Sequence != sequence || await verifier.RefusalAsync(checkpoint, cancellation) is not null) continue;
            if (DateTimeOffset.TryParse(checkpoint.IssuedAt, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var issuedAt) && issuedAt >= monthEnd)
                return (checkpoint, needed, sequence);
        }
        // A checkpoint reaches the daemon's high-water mark only: events committed a moment ago may lie beyond it.
        var issued = await ledger.IssueAsync(cancellation);
        return issued.Sequence >= needed ? (issued, needed, issued.Sequence!.Value) : (null, needed, issued.Sequence ?? 0);
    }

    /// <summary>
    /// How long after the month's end an event stamped before it may still be committed: a transaction's events carry the
    /// time they were appended and commit when it does, which the service's writes do within seconds.
    /// </summary>
    public static readonly TimeSpan InFlightWindow = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The newest event sequence recorded by <paramref name="moment"/>: stamped by then and stored before every event
    /// stamped more than <see cref="InFlightWindow"/> after it. An event stamped before the month's end but stored after
    /// events of the next month was back-dated (by hand, in the database): it must not push the report on to a later
    /// checkpoint, which would then include it.
    /// </summary>
    private async Task<long> SequenceRecordedByAsync(DateTimeOffset moment, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            $"""
             select coalesce(max(seq_id), 0) from {StoreConfiguration.Schema}.mt_events
             where timestamp <= @moment
               and seq_id < coalesce((select min(seq_id) from {StoreConfiguration.Schema}.mt_events where timestamp > @after), 9223372036854775807)
             """, connection);
        command.Parameters.AddWithValue("moment", moment);
        command.Parameters.AddWithValue("after", moment + InFlightWindow);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
    }
}
