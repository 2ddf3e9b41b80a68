using Counseling.Api.Access;
using Marten;

namespace Counseling.Api.Audit.PersonalDataReads;

/// <summary>
/// A worker's personal data was shown to someone: who, in which role, which case, through which view. Recorded as an
/// event, in a stream of its own per read (so that reads never queue behind each other), and therefore sealed and
/// covered by the audit checkpoints like every other event.
/// </summary>
public sealed record PersonalDataViewed(Guid CaseId, string ReaderId, string Role, string View, DateTimeOffset ReadAt);

/// <summary>
/// A list showing workers' names and masked NIKs (a caseload page, a worklist, follow-ups) was shown to someone: the
/// cases on it, one document per page so that reading a page costs one insert, not one per case. A document, not an
/// event like a case read: an event appended by every list read would keep the lists' own freshness ("lag", the events
/// their projection has not processed yet) from ever reading zero. So these records are not sealed or checkpointed.
/// </summary>
public sealed record PersonalDataListRead(Guid Id, Guid[] CaseIds, string ReaderId, string Role, string View, DateTimeOffset ReadAt);

/// <summary>How reads were recorded before they were events (documents, auditors and supervisors only); still listed.</summary>
public sealed record PersonalDataRead(Guid Id, Guid CaseId, string ReaderId, string Role, string View, DateTimeOffset ReadAt);

public static class PersonalDataReadLog
{
    /// <summary>
    /// Records the read in the request's own session, so it commits with the request (Wolverine's transaction). Every
    /// role is recorded, counselors reading their own cases included: a counselor who looks up workers outside their
    /// work leaves the same trace as anyone else.
    /// </summary>
    public static void Record(IDocumentSession session, Caller caller, Guid caseId, string view, TimeProvider clock)
    {
        var role = Caller.RoleName(caller.Role);
        session.LastModifiedBy = caller.UserId;
        session.SetHeader(AuditTrail.RoleHeader, role);
        session.Events.StartStream(Guid.CreateVersion7(), new PersonalDataViewed(caseId, caller.UserId, role, view, clock.GetUtcNow()));
    }

    /// <summary>
    /// Records a list read (every role, an empty page too) in a session of its own: the list endpoints read through a
    /// query session, which saves nothing.
    /// </summary>
    public static async Task RecordListAsync(
        IDocumentStore store, Caller caller, IEnumerable<Guid> caseIds, string view, TimeProvider clock, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        session.Insert(new PersonalDataListRead(Guid.CreateVersion7(), [.. caseIds.Distinct()], caller.UserId, Caller.RoleName(caller.Role), view,
            clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellation);
    }
}
