using Counseling.Domain.Counselors;
using Marten;

namespace Counseling.Api.ReferenceData;

/// <summary>An administrator: registers counselors, supervisors, administrators and auditors, and approves erasures.</summary>
public sealed record Administrator(string Id, string FullName);

/// <summary>An auditor: reads every case and the audit trail, writes nothing.</summary>
public sealed record Auditor(string Id, string FullName);

/// <summary>
/// The registration streams of supervisors, administrators and auditors (counselors: <see cref="CounselorStreams"/>),
/// beside the documents every request's access check reads. The stream id is derived from role and user id, as a
/// counselor's is, so "counselor" here gives the counselor's own stream.
/// </summary>
public static class OfficialStreams
{
    public const string SupervisorRole = "supervisor";
    public const string AdminRole = "admin";
    public const string AuditorRole = "auditor";
    public const string CounselorRole = "counselor";

    public static Guid StreamIdFor(string role, string userId) =>
        role == CounselorRole ? CounselorStreams.StreamIdFor(userId) : CounselorStreams.StreamIdFor($"{role}/{userId}");

    public static OfficialOnRecord? RecordOf(object? document) => document switch
    {
        Supervisor s => new OfficialOnRecord(SupervisorRole, s.Id, s.FullName, s.OfficeId),
        Administrator a => new OfficialOnRecord(AdminRole, a.Id, a.FullName, null),
        Auditor a => new OfficialOnRecord(AuditorRole, a.Id, a.FullName, null),
        _ => null,
    };

    /// <summary>Records what changes between the document on record and <paramref name="requested"/>; stores the document.</summary>
    public static async Task<IReadOnlyList<object>> RegisterAsync<T>(IDocumentSession session, T? current, T requested, CancellationToken cancellation)
        where T : class
    {
        var wanted = RecordOf(requested)!;
        var events = OfficialOnRecord.Decide(RecordOf(current), wanted.Role, wanted.UserId, wanted.FullName, wanted.OfficeId);
        await AppendAsync(session, StreamIdFor(wanted.Role, wanted.UserId), events, cancellation);
        session.Store(requested);
        return events;
    }

    /// <summary>Records the de-registration and deletes the document, so the person's tokens are refused from then on.</summary>
    public static async Task DeregisterAsync<T>(IDocumentSession session, string role, string userId, string reason, CancellationToken cancellation)
        where T : class
    {
        await AppendAsync(session, StreamIdFor(role, userId), [new OfficialDeregistered(role, userId, reason)], cancellation);
        session.Delete<T>(userId);
    }

    /// <summary>
    /// With the stream's version known, so that each event's version (which its seal names) is known before the
    /// append; a registration racing this one fails on the expected version (409) instead of interleaving. A person
    /// registered before registrations were recorded has no stream yet: theirs starts with the first change.
    /// </summary>
    private static async Task AppendAsync(IDocumentSession session, Guid streamId, IReadOnlyList<object> events, CancellationToken cancellation)
    {
        if (events.Count == 0) return;
        var state = await session.Events.FetchStreamStateAsync(streamId, cancellation);
        if (state is null) session.Events.StartStream(streamId, events.ToArray());
        else session.Events.Append(streamId, state.Version + events.Count, events.ToArray());
    }

    public static void RegisterEventTypes(StoreOptions options)
    {
        options.Events.AddEventType<OfficialRegistered>();
        options.Events.AddEventType<OfficialMovedOffice>();
        options.Events.AddEventType<OfficialNameCorrected>();
        options.Events.AddEventType<OfficialDeregistered>();
        options.Schema.For<Administrator>();
        options.Schema.For<Auditor>();
    }
}
