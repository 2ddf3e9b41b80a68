using Counseling.Api.Audit.Checkpoints;
using Counseling.Api.Infrastructure;
using Marten;
using Npgsql;

namespace Counseling.Api.Audit.Verification;

/// <summary>
/// Checks each event's keyed seal, and each stream's versions and seal chain, from events read in sequence order.
/// Without the seal key nobody can make a seal that passes, so this names every event whose data or metadata was
/// changed, that was inserted or moved to another version, and every gap left by a deleted event, even when the
/// seals were rewritten too. Deleting a stream's last events, or a whole stream, leaves no trace here: a checkpoint
/// names those (<see cref="CheckpointVerifier"/>).
/// </summary>
public sealed class SealCheck(SealKey key, Action<Mismatch> report)
{
    private sealed class StreamState
    {
        public long ExpectedVersion = 1;
        public string? PreviousSeal = EventSeal.Genesis;
    }

    private readonly Dictionary<Guid, StreamState> streams = [];
    private readonly List<(Guid Stream, long Sequence, long Version, string DataMac, MismatchKind Kind)> dataChanged = [];

    public long EventsChecked { get; private set; }

    public long StreamsChecked => streams.Count;

    public void Check(StoredEvent e)
    {
        // Marten's own gap fillers carry no seal (see StoreVerifier); the checkpoint chain still covers them.
        if (e.IsGapFiller) return;
        EventsChecked++;
        if (!streams.TryGetValue(e.StreamId, out var stream)) streams[e.StreamId] = stream = new StreamState();

        if (e.Version > stream.ExpectedVersion)
            report(new Mismatch(MismatchKind.EventMissing, e.StreamId, e.Sequence, e.Version,
                stream.ExpectedVersion == e.Version - 1
                    ? $"Version {stream.ExpectedVersion} is missing: the stream goes on at version {e.Version}."
                    : $"Versions {stream.ExpectedVersion} to {e.Version - 1} are missing: the stream goes on at version {e.Version}."));
        else if (e.Version < stream.ExpectedVersion)
            report(new Mismatch(MismatchKind.VersionsReordered, e.StreamId, e.Sequence, e.Version,
                $"Version {e.Version} was stored after version {stream.ExpectedVersion - 1}."));
        stream.ExpectedVersion = Math.Max(stream.ExpectedVersion, e.Version + 1);

        if (e.Seal is not { } seal)
        {
            report(new Mismatch(MismatchKind.SealMissing, e.StreamId, e.Sequence, e.Version,
                "The event has no seal: it was inserted after the fact, or its seal was removed."));
            stream.PreviousSeal = null;
            return;
        }

        if (seal.KeyId != key.Id || seal.DataMac is null)
        {
            report(new Mismatch(MismatchKind.SealNotKeyed, e.StreamId, e.Sequence, e.Version, seal.KeyId is null
                ? "The seal is not keyed: anyone with the database could have written it."
                : $"The seal names key {seal.KeyId}, not the service's seal key {key.Id}."));
            stream.PreviousSeal = seal.Hash;
            return;
        }

        if (stream.PreviousSeal is not null && seal.PreviousHash != stream.PreviousSeal)
            report(new Mismatch(MismatchKind.ChainBroken, e.StreamId, e.Sequence, e.Version,
                "The seal does not chain to the seal of the stream's previous event: an event before it was removed or replaced."));

        var fields = e.SealedFields;
        var dataMac = fields.DataMac(key);
        if (dataMac != seal.DataMac)
            // A genuine seal still verifies over the rest of the event with the data MAC it holds: then only the data
            // changed. Otherwise the seal itself was not made with the key.
            dataChanged.Add((e.StreamId, e.Sequence, e.Version, dataMac,
                fields.HashAfter(seal.PreviousHash, seal.DataMac, key) == seal.Hash ? MismatchKind.DataChanged : MismatchKind.SealForged));
        else if (fields.HashAfter(seal.PreviousHash, dataMac, key) != seal.Hash)
            report(new Mismatch(MismatchKind.MetadataChanged, e.StreamId, e.Sequence, e.Version,
                "The event's type, time, recorder, correlation, causation or headers no longer match its seal: they were changed after it was recorded."));
        stream.PreviousSeal = seal.Hash;
    }

    /// <summary>
    /// Events whose data does not match their seal: the data sealed for another version of the same stream means the
    /// versions were reordered; otherwise the data was changed (the seal is genuine) or the seal was forged.
    /// </summary>
    public async Task FinishAsync(IDocumentStore store, CancellationToken cancellation)
    {
        if (dataChanged.Count == 0) return;
        var sealedData = new Dictionary<(Guid, string), long>();
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(cancellation);
            await using var command = new NpgsqlCommand(
                $"select (data ->> 'streamId')::uuid, (data ->> 'version')::bigint, data ->> 'dataMac' from {StoreConfiguration.Schema}.mt_doc_eventseal " +
                "where data ->> 'streamId' = any(@streams)", connection);
            command.Parameters.AddWithValue("streams", dataChanged.Select(d => d.Stream.ToString()).Distinct().ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
                if (!reader.IsDBNull(2)) sealedData[(reader.GetGuid(0), reader.GetString(2))] = reader.GetInt64(1);
        }

        foreach (var (stream, sequence, version, dataMac, kind) in dataChanged)
            report(sealedData.TryGetValue((stream, dataMac), out var sealedAs) && sealedAs != version
                ? new Mismatch(MismatchKind.VersionsReordered, stream, sequence, version,
                    $"Version {version} holds the data that was recorded as version {sealedAs}: the versions were reordered.")
                : kind == MismatchKind.DataChanged
                    ? new Mismatch(MismatchKind.DataChanged, stream, sequence, version,
                        "The event's data does not match its seal: it was changed after it was recorded.")
                    : new Mismatch(MismatchKind.SealForged, stream, sequence, version,
                        "The seal was not made with the service's seal key: it was rewritten by someone without it, so nothing of this event can be trusted."));
    }
}
