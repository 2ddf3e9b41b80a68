using JasperFx.Events;
using Marten;
using Npgsql;

namespace Counseling.Api.Audit.Verification;

/// <summary>
/// Recomputes every event's seal and every projection from the events, and reports each place where the stored
/// record disagrees, by stream and sequence. Reads the events once, in stream order, straight from PostgreSQL,
/// so the data checked is the data stored (no upcasting, no deserialization).
/// </summary>
public sealed class StoreVerifier(IDocumentStore store, IEnumerable<IProjectionCheck> projectionChecks, TimeProvider clock)
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
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand($"""
            select e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.data::text, e.user_name,
                   e.correlation_id, e.causation_id, e.headers::text,
                   s.data ->> 'hash', s.data ->> 'previousHash'
            from {Schema}.mt_events e
            left join {Schema}.mt_doc_eventseal s on s.id = e.stream_id::text || ':' || e.version
            left join {Schema}.mt_streams st on st.id = e.stream_id
            where not coalesce({IsMartensGapFiller("e", "st")}, false)
            order by e.stream_id, e.version
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);

        long streams = 0, events = 0;
        Guid? currentStream = null;
        long expectedVersion = 0;
        string? previousSealHash = null;
        while (await reader.ReadAsync(cancellation))
        {
            events++;
            var sequence = reader.GetInt64(0);
            var streamId = reader.GetGuid(1);
            var version = reader.GetInt64(2);
            if (streamId != currentStream)
            {
                streams++;
                currentStream = streamId;
                expectedVersion = 1;
                previousSealHash = EventSeal.Genesis;
            }
            if (version != expectedVersion)
                report(new Mismatch(MismatchKind.VersionsInconsistent, streamId, sequence, version,
                    $"Expected version {expectedVersion} next in the stream, found {version}."));
            expectedVersion = version + 1;

            var storedHash = reader.IsDBNull(10) ? null : reader.GetString(10);
            var storedPrevious = reader.IsDBNull(11) ? null : reader.GetString(11);
            if (storedHash is null)
            {
                report(new Mismatch(MismatchKind.SealMissing, streamId, sequence, version, "The event has no seal."));
                previousSealHash = null;
                continue;
            }

            if (previousSealHash is not null && storedPrevious != previousSealHash)
                report(new Mismatch(MismatchKind.ChainBroken, streamId, sequence, version,
                    "The seal does not chain to the seal of the stream's previous event."));

            var fields = new SealedFields(
                streamId,
                version,
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                CanonicalJson.Of(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                CanonicalJson.OfHeaders(reader.IsDBNull(9) ? null : reader.GetString(9)));
            if (fields.HashAfter(storedPrevious ?? EventSeal.Genesis) != storedHash)
                report(new Mismatch(MismatchKind.EventAltered, streamId, sequence, version,
                    "The event's stored content does not match its seal: it was changed after it was recorded."));
            previousSealHash = storedHash;
        }
        return (streams, events);
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
