namespace Counseling.Api.Audit.Checkpoints;

/// <summary>
/// A signed commitment to every event up to <see cref="Sequence"/>: <see cref="Head"/> is the last link of the
/// <see cref="HistoryChain"/> through that sequence. The signature covers <see cref="SignedText"/>, the other fields
/// exactly as written here (issuedAt is UTC to the microsecond, ending in Z). Since format v2 a checkpoint also names
/// the store it was issued for (<see cref="StoreId"/>, generated once and kept in that database) and the digest of its
/// stream manifest (<see cref="StreamsDigest"/>), both signed: a checkpoint of one database is not taken for another's
/// (a restore, a staging copy), and a manifest that is not the one issued with it is refused. Checkpoints issued in
/// format v1 (without either) still verify.
/// </summary>
public sealed record Checkpoint(
    long? Sequence, string? Head, string? IssuedAt, string? KeyId, string? Signature, string? StoreId = null, string? StreamsDigest = null)
{
    public const string Format = "jkp-counseling-checkpoint/v1";
    public const string FormatV2 = "jkp-counseling-checkpoint/v2";

    public static string SignedText(long sequence, string head, string issuedAt, string keyId) =>
        $"{Format}\n{sequence}\n{head}\n{issuedAt}\n{keyId}";

    public static string SignedText(string storeId, long sequence, string head, string streamsDigest, string issuedAt, string keyId) =>
        $"{FormatV2}\n{storeId}\n{sequence}\n{head}\n{streamsDigest}\n{issuedAt}\n{keyId}";

    public string SignedText() => StoreId is null
        ? SignedText(Sequence!.Value, Head!, IssuedAt!, KeyId!)
        : SignedText(StoreId, Sequence!.Value, Head!, StreamsDigest ?? "", IssuedAt!, KeyId!);

    public static string IssuedAtText(DateTimeOffset at) => SealedFields.TimestampText(at);
}

/// <summary>
/// Which version each stream had reached at a checkpoint's sequence: written beside each checkpoint, outside the
/// database, so that verify can name a stream whose last events, or all of it, were deleted. Signed with the
/// checkpoint key over <see cref="SignedText"/> (the digest is a SHA-256 over the lines "streamId:version\n" in
/// stream id order).
/// </summary>
public sealed record StreamManifest(long Sequence, string Head, string KeyId, string StreamsDigest, string Signature, Dictionary<Guid, long> Streams)
{
    public const string Format = "jkp-counseling-streams/v1";
    public const string FormatV2 = "jkp-counseling-streams/v2";

    /// <summary>The store it was issued for (format v2, signed); null in a v1 manifest.</summary>
    public string? StoreId { get; init; }

    public static string SignedText(long sequence, string head, string digest) => $"{Format}\n{sequence}\n{head}\n{digest}";

    public static string SignedText(string storeId, long sequence, string head, string digest) => $"{FormatV2}\n{storeId}\n{sequence}\n{head}\n{digest}";

    public string SignedText() => StoreId is null ? SignedText(Sequence, Head, StreamsDigest) : SignedText(StoreId, Sequence, Head, StreamsDigest);

    public static string DigestOf(IReadOnlyDictionary<Guid, long> streams)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var (id, version) in streams.OrderBy(s => s.Key.ToString(), StringComparer.Ordinal))
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{id}:{version}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
