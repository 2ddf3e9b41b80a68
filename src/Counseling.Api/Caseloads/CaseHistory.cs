using Counseling.Domain.Cases;
using JasperFx.Events;
using Marten;
using Marten.Events;

namespace Counseling.Api.Caseloads;

/// <summary>
/// What statistics need to know about a case beyond a single event: its office, the day it opened and who was
/// its counselor when each event happened. Read from the case's own CaseOpened and CaseReassigned events, so a
/// rebuild sees exactly what the first run saw.
/// </summary>
public sealed record CaseHistory(string OfficeId, DateOnly OpenedOn, IReadOnlyList<(long Version, string CounselorId)> Assignments)
{
    public string CounselorAt(long version) => Assignments.Last(a => a.Version <= version).CounselorId;

    /// <summary>One query per batch of events: the assignment events of every case the batch touches.</summary>
    public static async Task<IReadOnlyDictionary<Guid, CaseHistory>> LoadAsync(IQuerySession session, IEnumerable<IEvent> events)
    {
        var caseIds = events.Select(e => e.StreamId).Distinct().ToArray();
        if (caseIds.Length == 0) return new Dictionary<Guid, CaseHistory>();

        var assignments = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(caseIds) && e.EventTypesAre(typeof(CaseOpened), typeof(CaseReassigned)))
            .OrderBy(e => e.Sequence)
            .ToListAsync();

        return assignments.GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g =>
        {
            var opened = g.Select(e => e.Data).OfType<CaseOpened>().Single();
            var counselors = g.Select(e => (e.Version, e.Data switch
            {
                CaseOpened o => o.CounselorId,
                CaseReassigned r => r.ToCounselorId,
                _ => throw new InvalidOperationException($"Unexpected {e.Data.GetType().Name}"),
            })).ToList();
            return new CaseHistory(opened.OfficeId, Wib.DateOf(opened.OpenedAt), counselors);
        });
    }
}
