using Counseling.Api.Access;
using Marten;

namespace Counseling.Api.Audit.PersonalDataReads;

/// <summary>
/// A worker's personal data was shown to someone: who, in which role, which case, through which view. Recorded as an
/// event, in a stream of its own per read (so that reads never queue behind each other), and therefore sealed and
/// covered by the audit checkpoints like every other event.
/// </summary>
public sealed record PersonalDataViewed(Guid CaseId, string ReaderId, string Role, string View, DateTimeOffset ReadAt);

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
}
