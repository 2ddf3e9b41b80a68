using Marten;
namespace Counseling.Api.Audit.Checkpoints;

/// <summary>
/// Issues checkpoints. Each one continues from the newest manifest in the archive (outside the database): the chain
/// through that manifest's sequence is taken from the archive, not recomputed from the database, so a checkpoint
/// issued after someone changed older events still commits to the history as it was. Only the events after it are
/// read. Every checkpoint issued is archived, whether asked for over HTTP or written on the schedule.
/// </summary>
public sealed class CheckpointLedger(
    StoredHistory history, CheckpointSigner signer, CheckpointArchive archive, StoreIdentities stores, IDocumentStore documents,
    TimeProvider clock, ILogger<CheckpointLedger> logger)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<Checkpoint> IssueAsync(CancellationToken cancellation)
    {
        await gate.WaitAsync(cancellation);
        try
        {
            var store = await stores.IdAsync(cancellation);
            var (sequence, head, streams) = await LatestArchivedAsync(store, cancellation);
            var through = await history.HighWaterMarkAsync(cancellation);
            if (through > sequence)
            {
                await foreach (var e in history.ReadAsync(sequence, through, cancellation))
                {
                    head = HistoryChain.Link(head, e);
                    streams[e.StreamId] = e.Version;
                }
                sequence = through;
            }

            var now = clock.GetUtcNow();
            var issuedAt = Checkpoint.IssuedAtText(now);
            var storeId = store.ToString();
            var digest = StreamManifest.DigestOf(streams);
            // The checkpoint's signature covers the store and the manifest's digest: a manifest of another store, or
            // one with other streams, is not this checkpoint's.
            var checkpoint = new Checkpoint(sequence, head, issuedAt, signer.KeyId,
                signer.Sign(Checkpoint.SignedText(storeId, sequence, head, digest, issuedAt, signer.KeyId)), storeId, digest);
            var manifest = new StreamManifest(sequence, head, signer.KeyId, digest,
                signer.Sign(StreamManifest.SignedText(storeId, sequence, head, digest)), streams) { StoreId = storeId };
            await archive.WriteAsync(store, checkpoint, manifest, cancellation);
            await using (var session = documents.LightweightSession())
            {
                session.Store(new LastCheckpoint(LastCheckpoint.TheLast, sequence, now));
                await session.SaveChangesAsync(cancellation);
            }
            return checkpoint;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(long Sequence, string Head, Dictionary<Guid, long> Streams)> LatestArchivedAsync(Guid store, CancellationToken cancellation)
    {
        foreach (var sequence in archive.ManifestSequences(store))
        {
            var manifest = await archive.ReadManifestAsync(store, sequence, cancellation);
            if (manifest is not null && manifest.StoreId == store.ToString() && IsAuthentic(manifest))
                return (manifest.Sequence, manifest.Head, manifest.Streams);
            logger.LogWarning("Checkpoint manifest {Sequence} in {Directory} is not signed by a known key; ignored", sequence, archive.Directory);
        }
        return (0, HistoryChain.Genesis, []);
    }

    /// <summary>When the last checkpoint was issued (by any process on this store), or null when none was.</summary>
    public async Task<DateTimeOffset?> LastIssuedAtAsync(CancellationToken cancellation)
    {
        await using var session = documents.QuerySession();
        return (await session.LoadAsync<LastCheckpoint>(LastCheckpoint.TheLast, cancellation))?.IssuedAt;
    }

    public bool IsAuthentic(StreamManifest manifest) =>
        StreamManifest.DigestOf(manifest.Streams) == manifest.StreamsDigest &&
        signer.Verifies(manifest.KeyId, manifest.SignedText(), manifest.Signature);
}
