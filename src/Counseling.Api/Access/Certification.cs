using Counseling.Api.ReferenceData;
using Counseling.Domain;
using Counseling.Domain.Counselors;

namespace Counseling.Api.Access;

/// <summary>
/// Only a registered counselor whose certificate is valid today may record anything on a case. Checked for every
/// endpoint that serves counselors as part of its policy (<see cref="RegisteredCaller"/>), answering 403 with the reason.
/// </summary>
public static class Certification
{
    /// <summary>Why <paramref name="userId"/>, working at <paramref name="officeId"/>, may not record on a case today; null when they may.</summary>
    public static Sentence? RefusalFor(Counselor? counselor, string userId, string? officeId, DateOnly today) =>
        CounselorOnRecord.MayNotRecordBecause(counselor?.ToRecord(), userId, officeId, today);

    /// <summary>The registration as the domain's rules read it.</summary>
    public static CounselorOnRecord ToRecord(this Counselor counselor) => new(
        counselor.Id, counselor.OfficeId,
        counselor.Certificate is { } c ? new CertificateOnRecord(c.Number, c.IssuedOn, c.ExpiresOn) : null);
}
