using System.Text.Json.Nodes;
using Counseling.Api.Caseloads;
using Counseling.Api.Reports;
using Counseling.Domain.Cases;
using Counseling.Domain.Reports;

namespace Counseling.Api.Audit.Verification;

/// <summary>
/// How verify recomputes each asynchronous projection in memory, by projection name, with the projection's own
/// evolve and grouping code. A new asynchronous projection needs its line here: without one verify reports it.
/// </summary>
public static class ProjectionReplays
{
    public static readonly IReadOnlyDictionary<string, IProjectionReplay> ByName = new Dictionary<string, IProjectionReplay>
    {
        // The case folded from its events with the snapshot's own projection, then the entry the caseload derives from
        // it. The caseload reads the inline snapshot, which may be ahead of the events it had processed: such an entry
        // is compared with the case folded up to the version it reflects.
        [CaseloadProjection.ProjectionName] = new SingleStreamReplay<CaseloadEntry>(
            (_, events) => CaseloadProjection.CaseFoldedFrom(events) is { } folded ? CaseloadProjection.EntryOf(folded) : null,
            storedVersion: json => JsonNode.Parse(json)?["version"]?.GetValue<long>() ?? 0),
        [CaseOutcomeProjection.ProjectionName] = new SingleStreamReplay<CaseOutcome>(
            SingleStreamReplay<CaseOutcome>.EventByEvent(new CaseOutcomeProjection().Evolve), CaseOutcome.EventTypes),
        [OfficeDailyStatisticsProjection.ProjectionName] = new MultiStreamReplay<OfficeDailyStatistics>(
            OfficeDailyStatisticsProjection.EventTypes, async (session, events, days) =>
            {
                var counted = events.Where(e => OfficeDailyStatisticsProjection.DayOf(e.Data) is not null).ToList();
                var histories = await CaseHistory.LoadAsync(session, counted);
                foreach (var e in counted)
                {
                    var history = histories[e.StreamId];
                    var id = OfficeDailyStatisticsProjection.DayIdOf(e, history);
                    if (!days.TryGetValue(id, out var day))
                        days[id] = day = OfficeDailyStatistics.Empty(id, OfficeDailyStatisticsProjection.DayOf(e.Data)!.Value);
                    OfficeDailyStatisticsProjection.Count(day, e.Data, history.OpenedOn);
                }
            }),
        [CounselorMonthlyActivityProjection.ProjectionName] = new MultiStreamReplay<CounselorMonthlyActivity>(
            [typeof(CounselingSessionLogged)], async (session, events, months) =>
            {
                var projection = new CounselorMonthlyActivityProjection();
                var unattributed = events.Where(e => CounselorMonthlyActivityProjection.RecordingCounselor(e) is null).ToList();
                var histories = unattributed.Count == 0 ? null : await CaseHistory.LoadAsync(session, unattributed);
                foreach (var e in events)
                {
                    var id = CounselorMonthlyActivityProjection.MonthIdOf(e, histories);
                    months[id] = projection.Evolve(months.GetValueOrDefault(id), id, e)!;
                }
            }),
    };
}
