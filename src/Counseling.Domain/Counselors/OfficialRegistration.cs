namespace Counseling.Domain.Counselors;

/// <summary>
/// Supervisors, administrators and auditors are registered like counselors: each registration is a stream of its own
/// whose events record who was registered, renamed, moved or de-registered, by whom and when (sealed like every event).
/// <paramref name="Role"/> is the token's role name ("supervisor", "admin", "auditor"); <paramref name="OfficeId"/> only
/// for supervisors, who oversee one office.
/// </summary>
public sealed record OfficialRegistered(string Role, string UserId, string FullName, string? OfficeId);

/// <summary>A registered supervisor moved to oversee another office.</summary>
public sealed record OfficialMovedOffice(string Role, string UserId, string FromOfficeId, string ToOfficeId);

/// <summary>The name on a registration was corrected.</summary>
public sealed record OfficialNameCorrected(string Role, string UserId, string FullName);

/// <summary>
/// A registration was withdrawn (the person left the role): their tokens are refused from then on, whatever they say.
/// Also recorded on a counselor's registration stream.
/// </summary>
public sealed record OfficialDeregistered(string Role, string UserId, string Reason);

/// <summary>A registration as it stands.</summary>
public sealed record OfficialOnRecord(string Role, string UserId, string FullName, string? OfficeId)
{
    /// <summary>What a registration request adds to the record: a first registration, or each change as an event of its own.</summary>
    public static IReadOnlyList<object> Decide(OfficialOnRecord? current, string role, string userId, string fullName, string? officeId)
    {
        if (current is null) return [new OfficialRegistered(role, userId, fullName, officeId)];
        var events = new List<object>();
        if (current.FullName != fullName) events.Add(new OfficialNameCorrected(role, userId, fullName));
        if (current.OfficeId != officeId && current.OfficeId is not null && officeId is not null)
            events.Add(new OfficialMovedOffice(role, userId, current.OfficeId, officeId));
        return events;
    }
}
