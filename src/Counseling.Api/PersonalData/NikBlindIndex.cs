using System.Security.Cryptography;
using System.Text;
using Counseling.Api.Infrastructure;

namespace Counseling.Api.PersonalData;

/// <summary>
/// Finds a worker's cases by NIK without storing the NIK: an HMAC-SHA256 of it, keyed by <c>NikBlindIndexKey</c>
/// held outside the database. Without that key the hashes cannot be recomputed from a list of likely NIKs (a NIK
/// has few unknown digits, so an unkeyed hash would be reversed in minutes).
/// </summary>
public sealed class NikBlindIndex(ServiceKeys keys)
{
    public const string KeyName = "NikBlindIndexKey";
    private readonly Lazy<byte[]> _key = new(() => keys.Get(KeyName, () => RandomNumberGenerator.GetBytes(32)));

    public string Of(string nik) => Convert.ToHexStringLower(HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(nik)));
}

/// <summary>One case of a worker, found by the keyed hash of their NIK; deleted when the worker's data is erased.</summary>
public sealed record NikIndexEntry(Guid Id, string NikHash);
