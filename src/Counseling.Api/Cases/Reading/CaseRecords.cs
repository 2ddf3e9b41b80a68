using Counseling.Domain.Cases;
using Counseling.Domain.Cases.JobSearch;
using JasperFx.Events;
using Marten;
using Marten.Events;

namespace Counseling.Api.Cases.Reading;

/// <summary>The lists of a case that its snapshot does not keep: its sessions and its job-search evidence.</summary>
public sealed record CaseRecords(IReadOnlyList<SessionHeld> Sessions, IReadOnlyList<JobSearchActivity> JobSearchActivities)
{
    private static readonly Type[] EventTypes = [.. SessionLog.EventTypes, .. JobSearchLog.EventTypes];

    /// <summary>
    /// Read from the case's events of those kinds alone, when a reader or a correction needs them: the snapshot every
    /// write rereads and rewrites keeps only counts and the last contact, so that it does not grow with the case.
    /// </summary>
    /// <param name="version">Only the case's events up to this version (0: all).</param>
    /// <param name="asOf">Only events recorded at or before this moment.</param>
    public static async Task<CaseRecords> ReadAsync(
        IQuerySession session, Guid caseId, CancellationToken cancellation, long version = 0, DateTimeOffset? asOf = null)
    {
        var events = session.Events.QueryAllRawEvents().Where(e => e.StreamId == caseId && e.EventTypesAre(EventTypes));
        if (version > 0) events = events.Where(e => e.Version <= version);
        if (asOf is { } moment) events = events.Where(e => e.Timestamp <= moment);
        var data = (await events.OrderBy(e => e.Version).ToListAsync(cancellation)).Select(e => e.Data).ToList();
        return new CaseRecords(SessionLog.From(data), JobSearchLog.From(data));
    }
}
