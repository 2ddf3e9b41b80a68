using System.Security.Cryptography;
using System.Text;
using Counseling.Domain.Cases;

namespace Counseling.Api.PersonalData;

/// <summary>
/// Encrypts the worker's NIK and phone number (AES-256-GCM, one key per case) before their intake is stored, and
/// reveals them for those allowed to read them while the key exists. What is stored reads "pdp1:" + base64 of
/// nonce, ciphertext and tag; the case id is bound in as associated data, so a value cannot be moved to another case.
/// </summary>
public static class PersonalDataProtection
{
    public const string Erased = "[erased]";
    private const string Prefix = "pdp1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static WorkerDetails Protect(WorkerDetails worker, PersonalDataKey key) => worker with
    {
        Nik = Encrypt(worker.Nik, key),
        Phone = Encrypt(worker.Phone, key),
    };

    /// <summary>The worker as stored, made readable with the case's key; after erasure, NIK and phone read "[erased]".</summary>
    public static WorkerDetails Reveal(WorkerDetails stored, PersonalDataKey? key) => stored with
    {
        Nik = Decrypt(stored.Nik, key),
        Phone = Decrypt(stored.Phone, key),
    };

    /// <summary>"************1234": enough to tell two workers apart on a list, no more.</summary>
    public static string MaskedNik(string storedNik, PersonalDataKey? key) =>
        Decrypt(storedNik, key) is { Length: 16 } nik ? new string('*', 12) + nik[^4..] : Erased;

    public static bool IsProtected(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    private static string Encrypt(string plain, PersonalDataKey key)
    {
        var plainBytes = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceSize + plainBytes.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Key, TagSize);
        aes.Encrypt(nonce, plainBytes, sealedBytes.AsSpan(NonceSize, plainBytes.Length),
            sealedBytes.AsSpan(NonceSize + plainBytes.Length), key.Id.ToByteArray());
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    private static string Decrypt(string stored, PersonalDataKey? key)
    {
        if (!IsProtected(stored)) return stored;
        if (key is null) return Erased;

        var sealedBytes = Convert.FromBase64String(stored[Prefix.Length..]);
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key.Key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plain.Length),
            sealedBytes.AsSpan(NonceSize + plain.Length), plain, key.Id.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }
}
