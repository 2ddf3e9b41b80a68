using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Counseling.Api.Infrastructure;
using JasperFx.Events;
using Npgsql;

namespace Counseling.Api.Audit.Checkpoints;

/// <summary>One event as PostgreSQL holds it (no upcasting, no deserialization), with the seal stored for it.</summary>
public sealed record StoredEvent(
    long Sequence,
    Guid StreamId,
    long Version,
    string Type,
    DateTimeOffset Timestamp,
    string Data,
    string? UserName,
    string? CorrelationId,
    string? CausationId,
    string? Headers,
    bool IsGapFiller,
    StoredSeal? Seal)
{
    private string? canonicalData;

    public string CanonicalData => canonicalData ??= CanonicalJson.Of(Data);

    public string CanonicalHeaders => CanonicalJson.OfHeaders(Headers);

    public SealedFields SealedFields => new(StreamId, Version, Type, Timestamp, CanonicalData, UserName, CorrelationId, CausationId, CanonicalHeaders);
}

public sealed record StoredSeal(string Hash, string PreviousHash, string? DataMac, string? KeyId);

/// <summary>
/// The global history chain a checkpoint commits to: every event in sequence order, each link a SHA-256 over the
/// previous link and the event's sequence, stream, version, type, time, canonical data and metadata (who, correlation,
/// causation, headers). Unkeyed on purpose: anyone holding an export of the events can recompute it
/// (ops/audit/check-checkpoint does, in Python), and the checkpoint's signature is what makes the head trustworthy.
/// </summary>
public static class HistoryChain
{
    public const string Genesis = EventSeal.Genesis;

    public static string LinkText(string previous, StoredEvent e) => string.Join('\n',
        "link",
        previous,
        e.Sequence.ToString(),
        e.StreamId.ToString(),
        e.Version.ToString(),
        e.Type,
        SealedFields.TimestampText(e.Timestamp),
        e.CanonicalData,
        e.UserName ?? "",
        e.CorrelationId ?? "",
        e.CausationId ?? "",
        e.CanonicalHeaders);

    public static string Link(string previous, StoredEvent e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(LinkText(previous, e))));
}

/// <summary>Reads the stored events in sequence order, straight from PostgreSQL, in one pass.</summary>
public sealed class StoredHistory(Marten.IDocumentStore store)
{
    private const string Schema = StoreConfiguration.Schema;

    /// <summary>
    /// The sequence up to which every event is committed: the async daemon's high-water mark. Events beyond it may
    /// still have gaps that a transaction in flight will fill, so a checkpoint never reaches past it.
    /// </summary>
    public async Task<long> HighWaterMarkAsync(CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            $"select coalesce((select last_seq_id from {Schema}.mt_event_progression where name = 'HighWaterMark'), 0)", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
    }

    /// <param name="after">Events with a greater sequence only.</param>
    /// <param name="through">Events up to this sequence; null: all.</param>
    public async IAsyncEnumerable<StoredEvent> ReadAsync(long after, long? through, [EnumeratorCancellation] CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand($"""
            select e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.data::text, e.user_name,
                   e.correlation_id, e.causation_id, e.headers::text,
                   coalesce(e.type = '{Tombstone.Name}' and st.version = 0, false),
                   s.data ->> 'hash', s.data ->> 'previousHash', s.data ->> 'dataMac', s.data ->> 'keyId'
            from {Schema}.mt_events e
            left join {Schema}.mt_doc_eventseal s on s.id = e.stream_id::text || ':' || e.version
            left join {Schema}.mt_streams st on st.id = e.stream_id
            where e.seq_id > @after and (@through::bigint is null or e.seq_id <= @through)
            order by e.seq_id
            """, connection);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.Add(new NpgsqlParameter("through", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)through ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var sequence = reader.GetInt64(0);
            var streamId = reader.GetGuid(1);
            var version = reader.GetInt64(2);
            var type = reader.GetString(3);
            var timestamp = reader.GetFieldValue<DateTimeOffset>(4);
            var data = reader.GetString(5);
            var userName = Text(6);
            var correlation = Text(7);
            var causation = Text(8);
            var headers = Text(9);
            var gapFiller = reader.GetBoolean(10);
            var hash = Text(11);
            var previous = Text(12);
            var dataMac = Text(13);
            var keyId = Text(14);
            yield return new StoredEvent(sequence, streamId, version, type, timestamp, data, userName, correlation, causation, headers,
                gapFiller, hash is null ? null : new StoredSeal(hash, previous ?? "", dataMac, keyId));
        }
    }
}
