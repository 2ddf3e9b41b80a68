using System.Security.Cryptography;
using System.Text;
using Counseling.Api.Infrastructure;

namespace Counseling.Api.Audit.Checkpoints;

/// <summary>A checkpoint signing key's public half, as auditors fetch it to check checkpoints offline.</summary>
public sealed record CheckpointPublicKey(string KeyId, string Algorithm, string PublicKeyPem);

/// <summary>
/// Signs checkpoints with ECDSA P-256 over SHA-256 (.NET's own ECDsa; signatures in DER, as OpenSSL writes and
/// checks them). The private key is held outside the database (<see cref="ServiceKeys"/>, name <see cref="KeyName"/>,
/// PKCS#8); its id is the first 16 hex digits of the SHA-256 of the public key (SubjectPublicKeyInfo, DER).
/// Keys that signed earlier checkpoints stay verifiable: put their public PEM files in
/// <c>&lt;Keys:Directory&gt;/checkpoint-public-keys/</c> and pin their key ids in <see cref="TrustedKeyIdsSetting"/>: a
/// file there whose id is not pinned is ignored, so that whoever can write to the key folder cannot slip in a key of
/// their own and sign checkpoints of their own making with it.
/// </summary>
public sealed class CheckpointSigner
{
    public const string KeyName = "CheckpointSigningKey";
    public const string Algorithm = "ECDSA-P256-SHA256";
    private const string RetiredKeysFolder = "checkpoint-public-keys";
    public const string TrustedKeyIdsSetting = "Audit:Checkpoints:TrustedKeyIds";

    private readonly ECDsa signingKey;
    private readonly Dictionary<string, ECDsa> verifyingKeys = [];

    public CheckpointSigner(ServiceKeys keys, IConfiguration? configuration = null, ILogger? logger = null)
    {
        var pinned = (configuration?[TrustedKeyIdsSetting] ?? "")
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        signingKey = ECDsa.Create();
        signingKey.ImportPkcs8PrivateKey(keys.Get(KeyName, () =>
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return created.ExportPkcs8PrivateKey();
        }), out _);
        if (signingKey.KeySize != 256) throw new InvalidOperationException($"The key '{KeyName}' must be an ECDSA P-256 key.");
        KeyId = IdOf(signingKey);
        PublicKeys = [new CheckpointPublicKey(KeyId, Algorithm, signingKey.ExportSubjectPublicKeyInfoPem())];
        verifyingKeys[KeyId] = signingKey;

        var retired = Path.Combine(keys.Directory, RetiredKeysFolder);
        if (!Directory.Exists(retired)) return;
        foreach (var file in Directory.EnumerateFiles(retired, "*.pem").Order())
        {
            var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(file));
            var id = IdOf(key);
            if (!pinned.Contains(id))
            {
                logger?.LogWarning("Checkpoint public key {KeyId} in {File} is not pinned in {Setting}: not trusted", id, file, TrustedKeyIdsSetting);
                continue;
            }
            if (verifyingKeys.TryAdd(id, key)) PublicKeys.Add(new CheckpointPublicKey(id, Algorithm, key.ExportSubjectPublicKeyInfoPem()));
        }
    }

    public string KeyId { get; }

    public List<CheckpointPublicKey> PublicKeys { get; }

    public string Sign(string message) =>
        Convert.ToBase64String(signingKey.SignData(Encoding.UTF8.GetBytes(message), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    /// <summary>False for an unknown key, a signature that is not base64 or does not verify.</summary>
    public bool Verifies(string keyId, string message, string signature)
    {
        if (!verifyingKeys.TryGetValue(keyId, out var key)) return false;
        byte[] bytes;
        try { bytes = Convert.FromBase64String(signature); }
        catch (FormatException) { return false; }
        try { return key.VerifyData(Encoding.UTF8.GetBytes(message), bytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence); }
        catch (CryptographicException) { return false; }
    }

    public bool Knows(string keyId) => verifyingKeys.ContainsKey(keyId);

    private static string IdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
}
