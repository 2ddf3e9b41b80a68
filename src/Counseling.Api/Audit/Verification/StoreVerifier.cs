using Counseling.Api.Audit.Checkpoints;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace Counseling.Api.Audit.Verification;

/// <summary>
/// Recomputes every event's keyed seal and every projection from the events, and reports each place where the stored
/// record disagrees, by stream and sequence. Reads the events once, in sequence order, straight from PostgreSQL,
/// so the data checked is the data stored (no upcasting, no deserialization). Writes nothing.
/// </summary>
public sealed class StoreVerifier(
    IDocumentStore store, StoredHistory history, SealKey sealKey, IEnumerable<IProjectionCheck> projectionChecks, TimeProvider clock)
{
    private const string Schema = "counseling";

    public async Task<VerificationReport> VerifyAsync(CancellationToken cancellation = default)
    {
        var mismatches = new List<Mismatch>();
        var (streams, events) = await VerifySealsAsync(mismatches.Add, cancellation);
        await VerifyStreamVersionsAsync(mismatches.Add, cancellation);
        await VerifyNoSealWithoutEventAsync(mismatches.Add, cancellation);

        long documents = 0;
        await using (var session = store.QuerySession())
        {
            foreach (var check in projectionChecks)
                documents += await check.CheckAsync(session, mismatches.Add, cancellation);
        }

        return new VerificationReport(mismatches.Count == 0, streams, events, documents, mismatches, clock.GetUtcNow());
    }

    private async Task<(long Streams, long Events)> VerifySealsAsync(Action<Mismatch> report, CancellationToken cancellation)
    {
        var seals = new SealCheck(sealKey, report);
        await foreach (var e in history.ReadAsync(0, null, cancellation)) seals.Check(e);
        await seals.FinishAsync(store, cancellation);
        return (seals.StreamsChecked, seals.EventsChecked);
    }

    private async Task VerifyStreamVersionsAsync(Action<Mismatch> report, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand($"""
            select s.id, s.version, coalesce(max(e.version), 0)
            from {Schema}.mt_streams s left join {Schema}.mt_events e on e.stream_id = s.id
            group by s.id, s.version
            having s.version is distinct from coalesce(max(e.version), 0)
               and not coalesce(bool_and({IsMartensGapFiller("e", "s")}), false)
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var recorded = reader.IsDBNull(1) ? (long?)null : reader.GetInt64(1);
            report(new Mismatch(MismatchKind.VersionsInconsistent, reader.GetGuid(0), null, recorded,
                $"The stream records version {recorded}, but its last event has version {reader.GetInt64(2)}."));
        }
    }

    /// <summary>
    /// Marten's tombstone events are not the service's: when an append fails, Marten fills the sequence numbers it had
    /// taken with them, in a stream of its own that stays at version 0, so that the async daemon does not wait on the
    /// gap. They carry no seal and are left out; a tombstone inside a case stream is still checked (and refused).
    /// </summary>
    private static string IsMartensGapFiller(string events, string streams) =>
        $"({events}.type = '{Tombstone.Name}' and {streams}.version = 0)";

    private async Task VerifyNoSealWithoutEventAsync(Action<Mismatch> report, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand($"""
            select (s.data ->> 'streamId')::uuid, (s.data ->> 'version')::bigint
            from {Schema}.mt_doc_eventseal s
            where not exists (
              select 1 from {Schema}.mt_events e
              where e.stream_id = (s.data ->> 'streamId')::uuid and e.version = (s.data ->> 'version')::bigint)
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            report(new Mismatch(MismatchKind.EventMissing, reader.GetGuid(0), null, reader.GetInt64(1),
                "A sealed event is missing from the stream: it was removed after it was recorded."));
    }
}
