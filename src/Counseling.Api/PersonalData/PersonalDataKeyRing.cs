using System.Collections.Concurrent;
using System.Security.Cryptography;
using Counseling.Api.Infrastructure;

namespace Counseling.Api.PersonalData;

/// <summary>
/// Wraps and unwraps the cases' data keys with the master key held outside the database (<see cref="ServiceKeys"/>,
/// key <c>PersonalDataMasterKey</c>). A rotation (<see cref="RotateKeysCommand"/>) keeps the key it replaces as
/// <c>PersonalDataMasterKey-previous</c> until every data key is wrapped under the new one, so reads carry on meanwhile.
/// Wrapping reads the current master key each time (once per intake), so a running service picks a rotation up.
/// </summary>
public sealed class PersonalDataKeyRing(ServiceKeys keys)
{
    public const string MasterKeyName = "PersonalDataMasterKey";
    public const string PreviousMasterKeyName = "PersonalDataMasterKey-previous";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly ConcurrentDictionary<string, byte[]> _masterKeysById = new();

    public static byte[] NewMasterKey() => RandomNumberGenerator.GetBytes(32);

    /// <summary>A short fingerprint of a master key, stored with each data key it wraps: which key to unwrap with.</summary>
    public static string IdOf(byte[] masterKey) => Convert.ToHexStringLower(SHA256.HashData(masterKey).AsSpan(0, 8));

    public byte[] CurrentMasterKey() => keys.Get(MasterKeyName, NewMasterKey);

    public PersonalDataKey Wrap(CaseKey key, DateTimeOffset createdAt) => WrapWith(key, CurrentMasterKey(), createdAt);

    public static PersonalDataKey WrapWith(CaseKey key, byte[] masterKey, DateTimeOffset createdAt)
    {
        var wrapped = new byte[NonceSize + key.Key.Length + TagSize];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, NonceSize));
        using var aes = new AesGcm(masterKey, TagSize);
        // The case id is bound in: a wrapped key copied onto another case does not unwrap.
        aes.Encrypt(wrapped.AsSpan(0, NonceSize), key.Key, wrapped.AsSpan(NonceSize, key.Key.Length),
            wrapped.AsSpan(NonceSize + key.Key.Length), key.CaseId.ToByteArray());
        return new PersonalDataKey { Id = key.CaseId, CreatedAt = createdAt, WrappedKey = wrapped, MasterKeyId = IdOf(masterKey) };
    }

    /// <summary>
    /// The case's key, from its wrapped form only. A key stored in clear (as before keys were wrapped) is not used: the
    /// upgrade (<c>ops/run protect-legacy</c>, or <c>keys rotate</c>) wraps those, and one planted in clear afterwards
    /// by someone with the database must not become the key new notes are encrypted with.
    /// </summary>
    public CaseKey Unwrap(PersonalDataKey stored) =>
        stored.WrappedKey is null
            ? throw new UntrustedDataKeyException(stored.Id)
            : UnwrapWith(stored, MasterKey(stored.MasterKeyId!));

    public static CaseKey UnwrapWith(PersonalDataKey stored, byte[] masterKey)
    {
        var wrapped = stored.WrappedKey!;
        var key = new byte[wrapped.Length - NonceSize - TagSize];
        using var aes = new AesGcm(masterKey, TagSize);
        aes.Decrypt(wrapped.AsSpan(0, NonceSize), wrapped.AsSpan(NonceSize, key.Length),
            wrapped.AsSpan(NonceSize + key.Length), key, stored.Id.ToByteArray());
        return new CaseKey(stored.Id, key);
    }

    private byte[] MasterKey(string id)
    {
        if (_masterKeysById.TryGetValue(id, out var known)) return known;
        // Not seen yet: a rotation happened since, or the key wrapping it is the previous one.
        foreach (var candidate in (byte[]?[])[CurrentMasterKey(), keys.Find(PreviousMasterKeyName)])
            if (candidate is not null) _masterKeysById[IdOf(candidate)] = candidate;
        return _masterKeysById.TryGetValue(id, out var found)
            ? found
            : throw new InvalidOperationException(
                $"No master key with id {id} is configured ({MasterKeyName}, {PreviousMasterKeyName}): data keys wrapped by it cannot be read.");
    }
}

/// <summary>A case's data key document holds no wrapped key (one stored in clear, from before keys were wrapped, or planted).</summary>
public sealed class UntrustedDataKeyException(Guid caseId) : InvalidOperationException(
    $"The data key of case {caseId} is not wrapped by a master key: keys stored in clear are not used " +
    "(the upgrade, ops/run protect-legacy or keys rotate, wraps those of cases stored before keys were wrapped).")
{
    public Guid CaseId { get; } = caseId;
}
