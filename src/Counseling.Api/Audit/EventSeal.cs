namespace Counseling.Api.Audit;

/// <summary>
/// The tamper-evidence record of one event, two HMAC-SHA256 values keyed with the <see cref="SealKey"/> named by
/// <see cref="KeyId"/>: <see cref="DataMac"/> over the event's data, and <see cref="Hash"/> over the stream, version,
/// type, time, who and why, the data's MAC and the seal of the stream's previous event. Changing any stored event
/// breaks its own seal and, through the chain, every later seal of the stream; without the key nobody can seal again.
/// A seal without a key id is an unkeyed SHA-256 seal written before seals were keyed; verify reports it.
/// </summary>
public sealed record EventSeal(string Id, Guid StreamId, long Version, string PreviousHash, string Hash, string? DataMac = null, string? KeyId = null)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string IdFor(Guid streamId, long version) => $"{streamId}:{version}";
}

/// <summary>The fields of an event that its seal covers, each in a canonical spelling.</summary>
public sealed record SealedFields(
    Guid StreamId,
    long Version,
    string EventType,
    DateTimeOffset Timestamp,
    string CanonicalData,
    string? UserName,
    string? CorrelationId,
    string? CausationId,
    string CanonicalHeaders)
{
    /// <summary>
    /// Microseconds: PostgreSQL keeps timestamps to the microsecond. In the invariant culture, whatever the process's
    /// culture: a seal computed under another calendar or digit set would not verify anywhere else.
    /// </summary>
    public static string TimestampText(DateTimeOffset timestamp) =>
        timestamp.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public string DataMac(SealKey key) => key.Mac("data\n" + CanonicalData);

    public string HashAfter(string previousHash, string dataMac, SealKey key) =>
        key.Mac(string.Join('\n',
            "event",
            previousHash,
            StreamId.ToString(),
            Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            EventType,
            TimestampText(Timestamp),
            dataMac,
            UserName ?? "",
            CorrelationId ?? "",
            CausationId ?? "",
            CanonicalHeaders));
}
