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
        RecordAlways(session, caller, caseId, view, clock);
    }

    /// <summary>Records the read whoever the caller is (a search by NIK); <see cref="Guid.Empty"/> when it found no case.</summary>
    public static void RecordAlways(IDocumentSession session, Caller caller, Guid caseId, string view, TimeProvider clock)
    {
        session.Store(new PersonalDataRead(
            Guid.CreateVersion7(), caseId, caller.UserId, Caller.RoleName(caller.Role), view, clock.GetUtcNow()));
    }
}
