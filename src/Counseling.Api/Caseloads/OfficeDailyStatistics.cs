using Counseling.Domain.Cases;
using JasperFx.Events;
using JasperFx.Events.Grouping;
using Marten;
using Marten.Events.Aggregation;
using Marten.Events.Projections;

namespace Counseling.Api.Caseloads;

/// <summary>
/// What happened at one office on one day. A dashboard over a period sums a handful of these, so reading it
/// costs the same with fifty cases or fifty thousand. Days count in WIB, the offices' calendar.
/// </summary>
public sealed class OfficeDailyStatistics
{
    /// <summary>"bekasi/2026-03-02"</summary>
    public string Id { get; set; } = "";

    public string OfficeId { get; set; } = "";
    public DateOnly Day { get; set; }

    public int NewCases { get; set; }

    /// <summary>Placements that started this day.</summary>
    public int Placements { get; set; }

    /// <summary>Businesses started this day.</summary>
    public int SelfEmployments { get; set; }

    /// <summary>Placements that started this day, by the number of days since their case was opened: a median needs them all.</summary>
    public Dictionary<int, int> PlacementsByDaysSinceIntake { get; set; } = [];

    public int TrainingReferrals { get; set; }
    public int TrainingCompletions { get; set; }
    public int CompetencyTestsPassed { get; set; }
    public int CompetencyTestsFailed { get; set; }

    public int CasesClosed { get; set; }

    /// <summary>Cases closed this day because the worker found work: placed or self-employed.</summary>
    public int CasesClosedWithWork { get; set; }

    public static string IdFor(string officeId, DateOnly day) => $"{officeId}/{day:yyyy-MM-dd}";

    /// <summary>The day's statistics before anything is counted into them.</summary>
    public static OfficeDailyStatistics Empty(string id, DateOnly day) => new() { Id = id, OfficeId = id[..id.LastIndexOf('/')], Day = day };
}

public sealed partial class OfficeDailyStatisticsProjection : MultiStreamProjection<OfficeDailyStatistics, string>
{
    public const string ProjectionName = "OfficeDailyStatistics";

    public OfficeDailyStatisticsProjection()
    {
        Name = ProjectionName;
        foreach (var type in EventTypes) IncludeType(type);
        CustomGrouping(GroupByOfficeAndDay);
    }

    /// <summary>The events the statistics count (those <see cref="DayOf"/> places on a day).</summary>
    public static readonly IReadOnlyCollection<Type> EventTypes =
    [
        typeof(CaseOpened), typeof(WorkerPlaced), typeof(SelfEmploymentStarted), typeof(TrainingReferralMade),
        typeof(TrainingReferralOutcomeRecorded), typeof(CaseClosed),
    ];

    /// <summary>The day an event counts on: when the thing happened, not when it was typed in.</summary>
    public static DateOnly? DayOf(object data) => data switch
    {
        CaseOpened opened => Wib.DateOf(opened.OpenedAt),
        WorkerPlaced placed => placed.StartsOn,
        SelfEmploymentStarted started => started.StartsOn,
        TrainingReferralMade referral => referral.ReferredOn,
        TrainingReferralOutcomeRecorded outcome => outcome.On,
        CaseClosed closed => closed.On,
        _ => null,
    };

    private static async Task GroupByOfficeAndDay(IQuerySession session, IReadOnlyList<IEvent> events, IEventGrouping<string> grouping)
    {
        var counted = events.Where(e => DayOf(e.Data) is not null).ToList();
        var histories = await CaseHistory.LoadAsync(session, counted);
        foreach (var e in counted) grouping.AddEvent(DayIdOf(e, histories[e.StreamId]), e);
    }

    /// <summary>The office day an event counts on (for an event <see cref="DayOf"/> places), from its case's history.</summary>
    public static string DayIdOf(IEvent e, CaseHistory history) => OfficeDailyStatistics.IdFor(history.OfficeId, DayOf(e.Data)!.Value);

    public override async ValueTask<OfficeDailyStatistics?> EvolveAsync(
        OfficeDailyStatistics? day, string id, IQuerySession session, IEvent e, CancellationToken cancellation)
    {
        day ??= OfficeDailyStatistics.Empty(id, DayOf(e.Data)!.Value);
        var openedOn = e.Data is WorkerPlaced ? (await CaseHistory.LoadAsync(session, [e]))[e.StreamId].OpenedOn : default;
        Count(day, e.Data, openedOn);
        return day;
    }

    /// <summary>
    /// Counts one event into <paramref name="day"/>; <paramref name="openedOn"/> is the day its case was opened. Also used
    /// by the dashboard as of a past moment, and by verify, which count events the same way.
    /// </summary>
    public static void Count(OfficeDailyStatistics day, object data, DateOnly openedOn)
    {
        switch (data)
        {
            case CaseOpened:
                day.NewCases++;
                break;
            case WorkerPlaced placed:
                var days = placed.StartsOn.DayNumber - openedOn.DayNumber;
                day.Placements++;
                day.PlacementsByDaysSinceIntake[days] = day.PlacementsByDaysSinceIntake.GetValueOrDefault(days) + 1;
                break;
            case SelfEmploymentStarted:
                day.SelfEmployments++;
                break;
            case TrainingReferralMade:
                day.TrainingReferrals++;
                break;
            case TrainingReferralOutcomeRecorded { Outcome: TrainingOutcome.Completed }:
                day.TrainingCompletions++;
                break;
            case TrainingReferralOutcomeRecorded { Outcome: TrainingOutcome.CertifiedCompetent }:
                day.CompetencyTestsPassed++;
                break;
            case TrainingReferralOutcomeRecorded { Outcome: TrainingOutcome.NotYetCompetent }:
                day.CompetencyTestsFailed++;
                break;
            case CaseClosed closed:
                day.CasesClosed++;
                if (closed.Reason is ClosureReason.Placed or ClosureReason.SelfEmployed) day.CasesClosedWithWork++;
                break;
        }
    }
}
