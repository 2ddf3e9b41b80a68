namespace Counseling.Domain.Counselors;

/// <summary>
/// A counselor's functional certificate: only its facts are recorded (no certification rule is modelled here; the
/// check that a certificate is valid on the day of a write lives with the case writes).
/// </summary>
public sealed record CounselorCertificateFacts(string Number, DateOnly IssuedOn, DateOnly ExpiresOn);

/// <summary>A counselor was registered at an office with their certificate.</summary>
public sealed record CounselorRegistered(string CounselorId, string FullName, string OfficeId, CounselorCertificateFacts Certificate);

/// <summary>A registered counselor's certificate was replaced by a new (renewed or corrected) one.</summary>
public sealed record CounselorCertificateRenewed(string CounselorId, CounselorCertificateFacts Previous, CounselorCertificateFacts Certificate);

/// <summary>A registered counselor moved to another office.</summary>
public sealed record CounselorMovedOffice(string CounselorId, string FromOfficeId, string ToOfficeId);

/// <summary>The name on a counselor's registration was corrected.</summary>
public sealed record CounselorNameCorrected(string CounselorId, string FullName);

/// <summary>A counselor's registration as it stands.</summary>
public sealed record CounselorRegistration(string CounselorId, string FullName, string OfficeId, CounselorCertificateFacts? Certificate)
{
    /// <summary>
    /// The facts a registration request adds to what is on record: a first registration, or each change (office,
    /// certificate, name) as an event of its own. Repeating the registration on record decides nothing.
    /// </summary>
    public static IReadOnlyList<object> Decide(CounselorRegistration? current, string counselorId, string fullName, string officeId,
        CounselorCertificateFacts certificate)
    {
        if (current is null) return [new CounselorRegistered(counselorId, fullName, officeId, certificate)];

        var events = new List<object>();
        if (current.FullName != fullName) events.Add(new CounselorNameCorrected(counselorId, fullName));
        if (current.OfficeId != officeId) events.Add(new CounselorMovedOffice(counselorId, current.OfficeId, officeId));
        if (current.Certificate is null)
            events.Add(new CounselorCertificateRenewed(counselorId, new CounselorCertificateFacts("", default, default), certificate));
        else if (current.Certificate != certificate)
            events.Add(new CounselorCertificateRenewed(counselorId, current.Certificate, certificate));
        return events;
    }
}
