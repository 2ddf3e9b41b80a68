using System.Security.Cryptography;
using System.Text;
using Counseling.Api.Audit;
using Counseling.Domain.Counselors;
using Marten;

namespace Counseling.Api.ReferenceData;

/// <summary>
/// Each counselor's registration history is an event stream of its own (registered, certificate renewed, moved
/// office), beside the <see cref="Counselor"/> document every write's certification check reads. The stream id is
/// derived from the counselor id, so no lookup is needed to find it.
/// </summary>
public static class CounselorStreams
{
    public const string SeedActor = "reference-data-seed";
    public const string SystemRole = "system";

    public static Guid StreamIdFor(string counselorId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("jkp-counseling/counselor/" + counselorId));
        // An RFC 9562 version 8 (custom) UUID from the hash's first 16 bytes.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public static CounselorCertificateFacts FactsOf(CounselorCertificate certificate) =>
        new(certificate.Number, certificate.IssuedOn, certificate.ExpiresOn);

    public static CounselorRegistration? RegistrationOf(Counselor? counselor) => counselor is null ? null
        : new CounselorRegistration(counselor.Id, counselor.FullName, counselor.OfficeId,
            counselor.Certificate is { } c ? FactsOf(c) : null);

    /// <summary>Records what changes between the registration on record and <paramref name="requested"/>; stores the document.</summary>
    public static async Task<IReadOnlyList<object>> RegisterAsync(
        IDocumentSession session, Counselor? current, Counselor requested, CancellationToken cancellation)
    {
        var events = CounselorRegistration.Decide(RegistrationOf(current), requested.Id, requested.FullName, requested.OfficeId,
            FactsOf(requested.Certificate!));
        if (events.Count > 0)
        {
            // With the stream's version known, so that each event's version (which its seal names) is known before
            // the append; a registration racing this one fails on the expected version (409) instead of interleaving.
            var streamId = StreamIdFor(requested.Id);
            var state = await session.Events.FetchStreamStateAsync(streamId, cancellation);
            if (state is null) session.Events.StartStream(streamId, events.ToArray());
            else session.Events.Append(streamId, state.Version + events.Count, events.ToArray());
        }
        session.Store(requested);
        return events;
    }

    public static void RegisterEventTypes(StoreOptions options)
    {
        options.Events.AddEventType<CounselorRegistered>();
        options.Events.AddEventType<CounselorCertificateRenewed>();
        options.Events.AddEventType<CounselorMovedOffice>();
        options.Events.AddEventType<CounselorNameCorrected>();
    }

    /// <summary>Who a registration made at start-up from the seeds is recorded as.</summary>
    public static void StampSeed(IDocumentSession session)
    {
        session.LastModifiedBy = SeedActor;
        session.SetHeader(AuditTrail.RoleHeader, SystemRole);
    }
}
