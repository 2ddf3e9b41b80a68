using Counseling.Domain.Cases;
using JasperFx.Events;
using Marten.Events;
using Marten;

namespace Counseling.Api.Cases.Sessions;

/// <summary>
/// A case's sessions, read from its session events when a reader or a correction needs them: the case snapshot keeps
/// only their count and the last contact, so that it does not grow (and is not rewritten larger) with every session.
/// </summary>
public static class CaseSessions
{
    /// <param name="version">Only the case's first events up to this version (0: all).</param>
    /// <param name="asOf">Only events recorded at or before this moment.</param>
    public static async Task<IReadOnlyList<SessionHeld>> ReadAsync(
        IQuerySession session, Guid caseId, CancellationToken cancellation, long version = 0, DateTimeOffset? asOf = null)
    {
        var events = session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == caseId && e.EventTypesAre(SessionLog.EventTypes));
        if (version > 0) events = events.Where(e => e.Version <= version);
        if (asOf is { } moment) events = events.Where(e => e.Timestamp <= moment);
        var stored = await events.OrderBy(e => e.Version).ToListAsync(cancellation);
        return SessionLog.From(stored.Select(e => e.Data));
    }
}
