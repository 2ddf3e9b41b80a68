using System.Security.Cryptography;
using Marten;

namespace Counseling.Api.PersonalData;

/// <summary>
/// A case's data key as the database holds it: wrapped (AES-256-GCM) by the master key, which lives outside the
/// database (<see cref="PersonalDataKeyRing"/>), so a dump or backup alone decrypts nothing. Erasure deletes the
/// document: the ciphertext in the events stays (so the seals still verify) but nobody can read it any more.
/// </summary>
public sealed record PersonalDataKey
{
    public Guid Id { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The data key encrypted under the master key named by <see cref="MasterKeyId"/>.</summary>
    public byte[]? WrappedKey { get; init; }
    public string? MasterKeyId { get; init; }

    /// <summary>
    /// Only in documents written before data keys were wrapped: the key in clear. <c>ops/run keys rotate</c> wraps
    /// them and removes it; until then reads still use it.
    /// </summary>
    public byte[]? Key { get; init; }
}

/// <summary>A case's data key, unwrapped, for the moment of one request: never stored like this.</summary>
public sealed record CaseKey(Guid CaseId, byte[] Key)
{
    public static CaseKey NewFor(Guid caseId) => new(caseId, RandomNumberGenerator.GetBytes(32));
}

public static class PersonalDataKeys
{
    /// <summary>
    /// The keys of a page of cases, in one query, unwrapped, for reading; an erased case has none. A case whose key is
    /// not wrapped (<see cref="UntrustedDataKeyException"/>) gets a fresh random key, which decrypts none of its values:
    /// each reads "[unreadable]" and the page is still answered. Writers use <see cref="ForCasesToWriteAsync"/>.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, CaseKey>> ForCasesAsync(
        IQuerySession session, PersonalDataKeyRing ring, IEnumerable<Guid> caseIds, CancellationToken cancellation)
    {
        var ids = caseIds.Distinct().ToArray();
        if (ids.Length == 0) return new Dictionary<Guid, CaseKey>();
        return (await session.LoadManyAsync<PersonalDataKey>(cancellation, ids)).ToDictionary(k => k.Id, k => ToRead(ring, k));
    }

    public static async Task<CaseKey?> ForCaseAsync(
        IQuerySession session, PersonalDataKeyRing ring, Guid caseId, CancellationToken cancellation) =>
        await session.LoadAsync<PersonalDataKey>(caseId, cancellation) is { } stored ? ToRead(ring, stored) : null;

    /// <summary>The keys to encrypt with: a key that is not wrapped refuses the write (the exception), never a guess.</summary>
    public static async Task<IReadOnlyDictionary<Guid, CaseKey>> ForCasesToWriteAsync(
        IQuerySession session, PersonalDataKeyRing ring, IReadOnlyCollection<Guid> caseIds, CancellationToken cancellation) =>
        caseIds.Count == 0
            ? new Dictionary<Guid, CaseKey>()
            : (await session.LoadManyAsync<PersonalDataKey>(cancellation, caseIds.ToArray())).ToDictionary(k => k.Id, ring.Unwrap);

    private static CaseKey ToRead(PersonalDataKeyRing ring, PersonalDataKey stored)
    {
        try
        {
            return ring.Unwrap(stored);
        }
        catch (UntrustedDataKeyException)
        {
            return CaseKey.NewFor(stored.Id);
        }
    }
}
