using System.Security.Cryptography;
using System.Text;

namespace Counseling.Api.Audit;

/// <summary>
/// The tamper-evidence record of one event: a SHA-256 over the event (stream, version, type, time, data, who and
/// why) and over the seal of the stream's previous event. Changing any stored event breaks its own seal and, through
/// the chain, every later seal of the stream.
/// </summary>
public sealed record EventSeal(string Id, Guid StreamId, long Version, string PreviousHash, string Hash)
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
    public string HashAfter(string previousHash)
    {
        var text = string.Join('\n',
            previousHash,
            StreamId.ToString(),
            Version.ToString(),
            EventType,
            // Microseconds: PostgreSQL keeps timestamps to the microsecond.
            Timestamp.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.ffffff'Z'"),
            CanonicalData,
            UserName ?? "",
            CorrelationId ?? "",
            CausationId ?? "",
            CanonicalHeaders);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
