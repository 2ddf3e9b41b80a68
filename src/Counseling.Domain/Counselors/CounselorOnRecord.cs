using Counseling.Domain.Cases;

namespace Counseling.Domain.Counselors;

/// <summary>The counselor's functional certificate as registered: valid from the day it is issued to the day it expires.</summary>
public sealed record CertificateOnRecord(string Number, DateOnly IssuedOn, DateOnly ExpiresOn);

/// <summary>A counselor (Pengantar Kerja) as the registry holds them: the office they work at and their certificate.</summary>
public sealed record CounselorOnRecord(string Id, string OfficeId, CertificateOnRecord? Certificate)
{
    /// <summary>
    /// Why this counselor may not record on a case of <paramref name="officeId"/> on <paramref name="day"/>, or null when
    /// they may: only a counselor whose certificate is valid on the day records sessions and outcomes.
    /// </summary>
    public Sentence? MayNotRecordBecause(string? officeId, DateOnly day) => this switch
    {
        { OfficeId: var office } when office != officeId => Why.CounselorAtOtherOffice.With(Id, office, officeId),
        { Certificate: null } => Why.NoCertificate.With(Id),
        { Certificate: { } c } when c.IssuedOn > day => Why.CertificateNotYetValid.With(c.Number, c.IssuedOn),
        { Certificate: { } c } when c.ExpiresOn < day => Why.CertificateExpired.With(c.Number, c.ExpiresOn),
        _ => null,
    };

    /// <summary>The same rule for a user the registry may not know.</summary>
    public static Sentence? MayNotRecordBecause(CounselorOnRecord? counselor, string userId, string? officeId, DateOnly day) =>
        counselor is null ? Why.NotACounselor.With(userId) : counselor.MayNotRecordBecause(officeId, day);
}
