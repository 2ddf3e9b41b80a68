using System.Security.Cryptography;

namespace Counseling.Api.PersonalData;

/// <summary>
/// The key that encrypts one case's NIK and phone number wherever they are stored. Erasure deletes it: the
/// ciphertext in the events stays (so the seals still verify) but nobody can read it any more.
/// </summary>
public sealed record PersonalDataKey(Guid Id, byte[] Key, DateTimeOffset CreatedAt)
{
    public static PersonalDataKey NewFor(Guid caseId, DateTimeOffset now) => new(caseId, RandomNumberGenerator.GetBytes(32), now);
}
