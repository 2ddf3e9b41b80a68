using Counseling.Api.ReferenceData;

namespace Counseling.Api.Access;

/// <summary>
/// Only a registered counselor whose certificate is valid today may record anything on a case. Checked for every
/// endpoint that serves counselors as part of its policy (<see cref="RegisteredCaller"/>), answering 403 with the reason.
/// </summary>
public static class Certification
{
    /// <summary>Why <paramref name="userId"/>, working at <paramref name="officeId"/>, may not record on a case today; null when they may.</summary>
    public static string? RefusalFor(Counselor? counselor, string userId, string? officeId, DateOnly today) => counselor switch
    {
        null => $"{userId} is not registered as a counselor.",
        { OfficeId: var office } when office != officeId => $"{userId} is registered at office {office}, not {officeId}.",
        { Certificate: null } => $"{userId} has no counselor certificate on record.",
        { Certificate: { } c } when c.IssuedOn > today => $"Certificate {c.Number} is valid only from {c.IssuedOn:yyyy-MM-dd}.",
        { Certificate: { } c } when c.ExpiresOn < today =>
            $"Certificate {c.Number} expired on {c.ExpiresOn:yyyy-MM-dd}: only a certified counselor may record sessions and outcomes.",
        _ => null,
    };
}
