using System.Security.Cryptography;
using System.Text;
using Counseling.Api.Infrastructure;

namespace Counseling.Api.Audit;

/// <summary>
/// The secret every event seal is keyed with (HMAC-SHA256). It lives outside the database (see <see cref="ServiceKeys"/>,
/// name <see cref="Name"/>): someone who can write to the database, but does not hold this key, cannot produce a seal
/// that verifies, so an edited, inserted or reordered event shows even when its seal was recomputed.
/// </summary>
public sealed class SealKey
{
    public const string Name = "EventSealKey";

    private readonly byte[] key;

    public SealKey(byte[] key)
    {
        if (key.Length < 32) throw new InvalidOperationException($"The key '{Name}' must hold at least 32 bytes (it holds {key.Length}).");
        this.key = key;
        // Names the key in each seal without revealing it, so a rotated key's seals are told apart.
        Id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("seal-key-id\n" + Convert.ToBase64String(key))))[..16];
    }

    public string Id { get; }

    public static SealKey From(ServiceKeys keys) => new(keys.Get(Name, () => RandomNumberGenerator.GetBytes(32)));

    public string Mac(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
}
