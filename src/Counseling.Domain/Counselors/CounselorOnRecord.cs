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
    public string? MayNotRecordBecause(string? officeId, DateOnly day) => this switch
    {
        { OfficeId: var office } when office != officeId => $"{Id} is registered at office {office}, not {officeId}.",
        { Certificate: null } => $"{Id} has no counselor certificate on record.",
        { Certificate: { } c } when c.IssuedOn > day => $"Certificate {c.Number} is valid only from {c.IssuedOn:yyyy-MM-dd}.",
        { Certificate: { } c } when c.ExpiresOn < day =>
            $"Certificate {c.Number} expired on {c.ExpiresOn:yyyy-MM-dd}: only a certified counselor may record sessions and outcomes.",
        _ => null,
    };

    /// <summary>The same rule for a user the registry may not know.</summary>
    public static string? MayNotRecordBecause(CounselorOnRecord? counselor, string userId, string? officeId, DateOnly day) =>
        counselor is null ? $"{userId} is not registered as a counselor." : counselor.MayNotRecordBecause(officeId, day);
}
