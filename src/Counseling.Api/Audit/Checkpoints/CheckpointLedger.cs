namespace Counseling.Api.Audit.Checkpoints;

/// <summary>
/// Issues checkpoints. Each one continues from the newest manifest in the archive (outside the database): the chain
/// through that manifest's sequence is taken from the archive, not recomputed from the database, so a checkpoint
/// issued after someone changed older events still commits to the history as it was. Only the events after it are
/// read. Every checkpoint issued is archived, whether asked for over HTTP or written on the schedule.
/// </summary>
public sealed class CheckpointLedger(StoredHistory history, CheckpointSigner signer, CheckpointArchive archive, TimeProvider clock, ILogger<CheckpointLedger> logger)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<Checkpoint> IssueAsync(CancellationToken cancellation)
    {
        await gate.WaitAsync(cancellation);
        try
        {
            var (sequence, head, streams) = await LatestArchivedAsync(cancellation);
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

            var issuedAt = Checkpoint.IssuedAtText(clock.GetUtcNow());
            var checkpoint = new Checkpoint(sequence, head, issuedAt, signer.KeyId,
                signer.Sign(Checkpoint.SignedText(sequence, head, issuedAt, signer.KeyId)));
            var digest = StreamManifest.DigestOf(streams);
            var manifest = new StreamManifest(sequence, head, signer.KeyId, digest,
                signer.Sign(StreamManifest.SignedText(sequence, head, digest)), streams);
            await archive.WriteAsync(checkpoint, manifest, cancellation);
            return checkpoint;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(long Sequence, string Head, Dictionary<Guid, long> Streams)> LatestArchivedAsync(CancellationToken cancellation)
    {
        foreach (var sequence in archive.ManifestSequences())
        {
            var manifest = await archive.ReadManifestAsync(sequence, cancellation);
            if (manifest is not null && IsAuthentic(manifest)) return (manifest.Sequence, manifest.Head, manifest.Streams);
            logger.LogWarning("Checkpoint manifest {Sequence} in {Directory} is not signed by a known key; ignored", sequence, archive.Directory);
        }
        return (0, HistoryChain.Genesis, []);
    }

    public bool IsAuthentic(StreamManifest manifest) =>
        StreamManifest.DigestOf(manifest.Streams) == manifest.StreamsDigest &&
        signer.Verifies(manifest.KeyId, StreamManifest.SignedText(manifest.Sequence, manifest.Head, manifest.StreamsDigest), manifest.Signature);
}
