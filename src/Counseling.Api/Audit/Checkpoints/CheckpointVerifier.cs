using Counseling.Api.Localization;
using Counseling.Api.Audit.Verification;
using Marten;

namespace Counseling.Api.Audit.Checkpoints;

/// <summary>What verifying the store against a checkpoint found.</summary>
public sealed record CheckpointVerification(
    bool Consistent,
    long Sequence,
    bool HeadMatches,
    bool StreamManifestFound,
    long EventsChecked,
    long StreamsChecked,
    IReadOnlyList<Mismatch> Mismatches,
    DateTimeOffset CheckedAt);

/// <summary>
/// Checks the store against an earlier checkpoint, reading only: the events through the checkpoint's sequence must
/// hash to its head; every event's keyed seal must hold (<see cref="SealCheck"/>); and every stream must hold exactly
/// the versions the checkpoint's manifest recorded, which names a stream whose last events, or all of it, were
/// deleted. The database's seals, snapshots and projections are not trusted for any of it.
/// </summary>
public sealed class CheckpointVerifier(
    IDocumentStore store, StoredHistory history, SealKey sealKey, CheckpointSigner signer, CheckpointArchive archive,
    CheckpointLedger ledger, StoreIdentities stores, TimeProvider clock)
{
    /// <summary>Why the checkpoint cannot be trusted (its signature does not verify, or it was issued for another store); null when it can.</summary>
    public async Task<string?> RefusalAsync(Checkpoint checkpoint, CancellationToken cancellation) =>
        !signer.Knows(checkpoint.KeyId!)
            ? Texts.Format("Problem.CheckpointUnknownKey", checkpoint.KeyId)
            : !signer.Verifies(checkpoint.KeyId!, checkpoint.SignedText(), checkpoint.Signature!)
                ? Texts.Format("Problem.CheckpointBadSignature", checkpoint.KeyId)
                : checkpoint.StoreId is { } issuedFor && issuedFor != (await stores.IdAsync(cancellation)).ToString()
                    ? Texts.Format("Problem.CheckpointOtherStore", issuedFor, await stores.IdAsync(cancellation))
                    : null;

    /// <summary>Call only for a checkpoint whose <see cref="Refusal"/> is null.</summary>
    public async Task<CheckpointVerification> VerifyAsync(Checkpoint checkpoint, CancellationToken cancellation)
    {
        var through = checkpoint.Sequence!.Value;
        var mismatches = new List<Mismatch>();
        var seals = new SealCheck(sealKey, mismatches.Add);
        var head = HistoryChain.Genesis;
        var versionsAtCheckpoint = new Dictionary<Guid, long>();
        var sequenceOfLast = new Dictionary<Guid, long>();

        await foreach (var e in history.ReadAsync(0, null, cancellation))
        {
            if (e.Sequence <= through)
            {
                head = HistoryChain.Link(head, e);
                versionsAtCheckpoint[e.StreamId] = Math.Max(versionsAtCheckpoint.GetValueOrDefault(e.StreamId), e.Version);
                sequenceOfLast[e.StreamId] = e.Sequence;
            }
            seals.Check(e);
        }
        await seals.FinishAsync(store, cancellation);

        // Only the manifest issued with this checkpoint: the same store, head and (v2) digest, signed.
        var manifest = await archive.ReadManifestAsync(Guid.TryParse(checkpoint.StoreId, out var storeId) ? storeId : null, through, cancellation);
        if (manifest is not null && (manifest.Head != checkpoint.Head || manifest.StoreId != checkpoint.StoreId ||
                                     (checkpoint.StreamsDigest is { } digest && manifest.StreamsDigest != digest) || !ledger.IsAuthentic(manifest)))
            manifest = null;
        if (manifest is not null) CompareWithManifest(manifest, versionsAtCheckpoint, sequenceOfLast, mismatches.Add);

        var headMatches = head == checkpoint.Head;
        if (!headMatches && mismatches.Count == 0)
            mismatches.Add(new Mismatch(MismatchKind.HistoryDiffers, Guid.Empty, through, null, manifest is null
                ? $"The events through sequence {through} do not hash to the checkpoint's head, and no stream manifest for this checkpoint was found in the archive to say which stream changed."
                : $"The events through sequence {through} do not hash to the checkpoint's head."));

        return new CheckpointVerification(headMatches && mismatches.Count == 0, through, headMatches, manifest is not null,
            seals.EventsChecked, seals.StreamsChecked, mismatches, clock.GetUtcNow());
    }

    private static void CompareWithManifest(
        StreamManifest manifest, Dictionary<Guid, long> stored, Dictionary<Guid, long> sequenceOfLast, Action<Mismatch> report)
    {
        foreach (var (stream, recorded) in manifest.Streams)
        {
            if (!stored.TryGetValue(stream, out var found))
                report(new Mismatch(MismatchKind.StreamDeleted, stream, null, recorded,
                    $"The checkpoint recorded this stream at version {recorded}; none of its events through sequence {manifest.Sequence} is left."));
            else if (found < recorded)
                report(new Mismatch(MismatchKind.EventMissing, stream, null, found + 1, found + 1 == recorded
                    ? $"The checkpoint recorded version {recorded}; the stream now ends at version {found}."
                    : $"The checkpoint recorded versions up to {recorded}; versions {found + 1} to {recorded} are gone."));
            else if (found > recorded)
                report(new Mismatch(MismatchKind.EventInserted, stream, sequenceOfLast[stream], found,
                    $"The checkpoint recorded version {recorded} at sequence {manifest.Sequence}; the stream now holds version {found} at or before it."));
        }
        foreach (var (stream, found) in stored)
            if (!manifest.Streams.ContainsKey(stream))
                report(new Mismatch(MismatchKind.EventInserted, stream, sequenceOfLast[stream], found,
                    $"The stream holds events at or before sequence {manifest.Sequence}, but the checkpoint recorded no such stream."));
    }
}
