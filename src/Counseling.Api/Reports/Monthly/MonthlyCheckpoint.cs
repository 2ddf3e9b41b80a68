using Counseling.Api.Audit.Checkpoints;
using Counseling.Api.Infrastructure;
using Npgsql;

namespace Counseling.Api.Reports.Monthly;

/// <summary>
/// Which signed audit checkpoint a month's report is computed at: the first one in the archive (lowest sequence) that
/// was issued at or after the month's end and reaches every event recorded by then. Taking the first, not the newest,
/// keeps the document the same however many checkpoints are issued later (the schedule writes one every hour). When the
/// archive holds none yet, one is issued now (the month has ended, so it qualifies). The report reads only the events up
/// to its sequence, so even an event appended later with an older timestamp cannot change it.
/// </summary>
public sealed class MonthlyCheckpoint(CheckpointArchive archive, CheckpointVerifier verifier, CheckpointLedger ledger, Marten.IDocumentStore store)
{
    /// <summary>The checkpoint, or null with the sequence that is needed when the newest checkpoint does not reach it yet.</summary>
    public async Task<(Checkpoint? Checkpoint, long Needed, long Newest)> ForAsync(DateTimeOffset monthEnd, CancellationToken cancellation)
    {
        var needed = await SequenceRecordedByAsync(monthEnd, cancellation);
        foreach (var sequence in archive.CheckpointSequences().Where(s => s >= needed))
        {
            var checkpoint = await archive.ReadCheckpointAsync(sequence, cancellation);
            if (checkpoint is null || checkpoint.Sequence != sequence || verifier.Refusal(checkpoint) is not null) continue;
            if (DateTimeOffset.TryParse(checkpoint.IssuedAt, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var issuedAt) && issuedAt >= monthEnd)
                return (checkpoint, needed, sequence);
        }
        // A checkpoint reaches the daemon's high-water mark only: events committed a moment ago may lie beyond it.
        var issued = await ledger.IssueAsync(cancellation);
        return issued.Sequence >= needed ? (issued, needed, issued.Sequence!.Value) : (null, needed, issued.Sequence ?? 0);
    }

    /// <summary>The newest event sequence recorded by <paramref name="moment"/>.</summary>
    private async Task<long> SequenceRecordedByAsync(DateTimeOffset moment, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            $"select coalesce(max(seq_id), 0) from {StoreConfiguration.Schema}.mt_events where timestamp <= @moment", connection);
        command.Parameters.AddWithValue("moment", moment);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
    }
}
