using System.Security.Cryptography;
using Marten;

namespace Counseling.Api.PersonalData;

/// <summary>
/// The key that encrypts one case's NIK and phone number wherever they are stored. Erasure deletes it: the
/// ciphertext in the events stays (so the seals still verify) but nobody can read it any more.
/// </summary>
public sealed record PersonalDataKey(Guid Id, byte[] Key, DateTimeOffset CreatedAt)
{
    public static PersonalDataKey NewFor(Guid caseId, DateTimeOffset now) => new(caseId, RandomNumberGenerator.GetBytes(32), now);
}

public static class PersonalDataKeys
{
    /// <summary>The keys of a page of cases, in one query; an erased case has none.</summary>
    public static async Task<IReadOnlyDictionary<Guid, PersonalDataKey>> ForCasesAsync(
        IQuerySession session, IEnumerable<Guid> caseIds, CancellationToken cancellation) =>
        (await session.LoadManyAsync<PersonalDataKey>(cancellation, caseIds.Distinct().ToArray())).ToDictionary(k => k.Id);
}
