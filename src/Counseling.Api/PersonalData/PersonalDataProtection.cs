using System.Security.Cryptography;
using System.Text;
using Counseling.Domain.Cases;

namespace Counseling.Api.PersonalData;

/// <summary>
/// Encrypts a value with its case's data key (AES-256-GCM) and reveals it for those allowed to read it while the key
/// exists. What is stored reads "pdp1:" + base64 of nonce, ciphertext and tag; the case id is bound in as associated
/// data, so a value cannot be moved to another case. Without the key (an erased case) every protected field reads
/// "[erased]", including values stored in clear before encryption covered them.
/// </summary>
public static class PersonalDataProtection
{
    public const string Erased = "[erased]";

    /// <summary>
    /// What a stored value reads as when it is in ciphertext form but does not decrypt with the case's key (bad base64,
    /// too short, another key, or tampered with: written into the events by someone with the database, or stored before
    /// client ciphertext was refused). The one value reads so; the page that shows it is still answered.
    /// </summary>
    public const string Unreadable = "[unreadable]";
    private const string Prefix = "pdp1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static WorkerDetails Reveal(WorkerDetails stored, CaseKey? key) =>
        (WorkerDetails)SensitiveFields.Map(stored, value => Reveal(value, key));

    /// <summary>"************1234": enough to tell two workers apart on a list, no more.</summary>
    public static string MaskedNik(string storedNik, CaseKey? key) => Reveal(storedNik, key) switch
    {
        { Length: 16 } nik => new string('*', 12) + nik[^4..],
        Unreadable => Unreadable,
        _ => Erased,
    };

    public static bool IsProtected(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Encrypts a value once: a value already protected, and an empty one, are left as they are.</summary>
    public static string Protect(string value, CaseKey key)
    {
        if (value.Length == 0 || IsProtected(value)) return value;
        var plainBytes = Encoding.UTF8.GetBytes(value);
        var sealedBytes = new byte[NonceSize + plainBytes.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Key, TagSize);
        aes.Encrypt(nonce, plainBytes, sealedBytes.AsSpan(NonceSize, plainBytes.Length),
            sealedBytes.AsSpan(NonceSize + plainBytes.Length), key.CaseId.ToByteArray());
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>
    /// The value as given; a value stored in clear before this service encrypted it reads as stored; one that does not
    /// decrypt reads <see cref="Unreadable"/> (never an exception: one bad value must not make a whole page a 500).
    /// </summary>
    public static string Reveal(string stored, CaseKey? key)
    {
        if (key is null) return Erased;
        if (!IsProtected(stored)) return stored;
        return TryDecrypt(stored, key) ?? Unreadable;
    }

    private static string? TryDecrypt(string stored, CaseKey key)
    {
        var buffer = new byte[stored.Length];
        if (!Convert.TryFromBase64String(stored[Prefix.Length..], buffer, out var length) || length < NonceSize + TagSize) return null;
        var sealedBytes = buffer[..length];
        try
        {
            return DecryptSealed(sealedBytes, key);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    private static string DecryptSealed(byte[] sealedBytes, CaseKey key)
    {
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key.Key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plain.Length),
            sealedBytes.AsSpan(NonceSize + plain.Length), plain, key.CaseId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }
}
