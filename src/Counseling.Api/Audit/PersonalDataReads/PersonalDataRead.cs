using Counseling.Api.Access;
using Marten;

namespace Counseling.Api.Audit.PersonalDataReads;

/// <summary>An auditor or supervisor read a worker's personal data: who, when, which case, through which view.</summary>
public sealed record PersonalDataRead(Guid Id, Guid CaseId, string ReaderId, string Role, string View, DateTimeOffset ReadAt);

public static class PersonalDataReadLog
{
    /// <summary>
    /// Records the read in the request's own session, so it commits with the request (Wolverine's transaction).
    /// Counselors reading their own cases are not recorded: that is their daily work, not oversight.
    /// </summary>
    public static void Record(IDocumentSession session, Caller caller, Guid caseId, string view, TimeProvider clock)
    {
        if (caller.Role is not (Role.Auditor or Role.Supervisor)) return;
        session.Store(new PersonalDataRead(
            Guid.CreateVersion7(), caseId, caller.UserId, Caller.RoleName(caller.Role), view, clock.GetUtcNow()));
    }
}
