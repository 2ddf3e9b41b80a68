using Counseling.Api.Infrastructure;
using Counseling.Api.PersonalData;
using Counseling.Domain.Cases;
using Marten;

namespace Counseling.Api.Cases.Intake;

/// <summary>How every intake is stored, by the endpoint and by the demo generator alike.</summary>
public static class IntakeProtection
{
    /// <summary>
    /// Stores a new key of the case's own and returns the intake with NIK and phone encrypted under it: an erasure
    /// request later destroys the key. Append the returned event, never <paramref name="opened"/>.
    /// </summary>
    public static CaseOpened Protect(CaseOpened opened, IDocumentSession session, DateTimeOffset now)
    {
        var key = PersonalDataKey.NewFor(opened.CaseId, now);
        session.Store(key);
        return opened with { Worker = PersonalDataProtection.Protect(opened.Worker, key) };
    }
}
