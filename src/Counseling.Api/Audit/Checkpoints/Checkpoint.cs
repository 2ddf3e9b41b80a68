namespace Counseling.Api.Audit.Checkpoints;

/// <summary>
/// A signed commitment to every event up to <see cref="Sequence"/>: <see cref="Head"/> is the last link of the
/// <see cref="HistoryChain"/> through that sequence. The signature covers <see cref="SignedText"/>, the four other
/// fields exactly as written here (issuedAt is UTC to the microsecond, ending in Z).
/// </summary>
public sealed record Checkpoint(long? Sequence, string? Head, string? IssuedAt, string? KeyId, string? Signature)
{
    public const string Format = "jkp-counseling-checkpoint/v1";

    public static string SignedText(long sequence, string head, string issuedAt, string keyId) =>
        $"{Format}\n{sequence}\n{head}\n{issuedAt}\n{keyId}";

    public string SignedText() => SignedText(Sequence!.Value, Head!, IssuedAt!, KeyId!);

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

    public static string SignedText(long sequence, string head, string digest) => $"{Format}\n{sequence}\n{head}\n{digest}";

    public static string DigestOf(IReadOnlyDictionary<Guid, long> streams)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var (id, version) in streams.OrderBy(s => s.Key.ToString(), StringComparer.Ordinal))
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{id}:{version}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
