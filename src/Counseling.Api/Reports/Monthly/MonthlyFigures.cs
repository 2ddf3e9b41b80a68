using Counseling.Api.Caseloads;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Transfers;
using Counseling.Domain.Reports;
using JasperFx.Events;
using Marten;
using Marten.Events;

namespace Counseling.Api.Reports.Monthly;

/// <summary>
/// Every figure of an office's monthly report, and nothing else: this record, in canonical JSON, is what the report's
/// digest covers and what a recomputation compares figure by figure. It names the office, the month, the moment it is
/// as of and the checkpoint sequence it was computed at, so a digest cannot be passed off as another month's. It holds
/// no worker's personal data and no name (counselors' names come from the registry, which may change, and are printed
/// beside the figures, not in them).
/// </summary>
/// <param name="AsOf">The month's end: 00:00 WIB on the first day of the next month. Every figure is the record as it stood then.</param>
/// <param name="CheckpointSequence">The audit checkpoint the figures were computed at: only events up to this sequence count.</param>
/// <param name="Month">Counts of what happened in the month (by the day it happened, WIB), as the office dashboard counts them.</param>
/// <param name="OpenCasesByStage">The office's open cases at the month's end, by stage (every stage but closed).</param>
/// <param name="Counselors">Who held the office's open cases at the month's end or logged a session on its cases in the month.</param>
/// <param name="PlacementsByMonth">Placements that started in each of the twelve months ending with this one.</param>
/// <param name="Cohorts">The outcome report by intake month (the cohort triangle) for those twelve months' intakes, as of the month's end.</param>
public sealed record MonthlyFigures(
    string OfficeId,
    string ReportMonth,
    DateTimeOffset AsOf,
    long CheckpointSequence,
    MonthActivity Month,
    int OpenCasesAtMonthEnd,
    int CasesWithoutContact,
    Dictionary<string, int> OpenCasesByStage,
    IReadOnlyList<CounselorMonth> Counselors,
    IReadOnlyList<MonthCount> PlacementsByMonth,
    IReadOnlyList<OutcomeGroup> Cohorts);

/// <summary>
/// What happened at the office in the month. New cases, placements, self-employment, closures, the placement rate, the
/// median days to placement and training figures are the office dashboard's period figures for the month as of its end
/// (<see cref="PeriodFigures"/>: the placement rate is the share of cases closed in the month that closed with work).
/// Benefit months are those whose last day fell in the month, met or not met, as the outcome report counts them
/// (Permenaker 15/2021 Pasal 13 as amended by Permenaker 2/2025; lapsed months are left out).
/// </summary>
public sealed record MonthActivity(
    int NewCases,
    int Sessions,
    int Assessments,
    int JobReferrals,
    Dictionary<string, int> JobReferralOutcomes,
    int TrainingReferrals,
    Dictionary<string, int> TrainingOutcomes,
    int Placements,
    int SelfEmployments,
    int CasesClosed,
    int CasesClosedWithWork,
    decimal? PlacementRate,
    decimal? MedianDaysToPlacement,
    int BenefitMonthsMet,
    int BenefitMonthsNotMet,
    int TransfersIn,
    int TransfersOut);

/// <summary>One counselor's share of the month: the office's open cases they held at its end, and the sessions they logged in it.</summary>
public sealed record CounselorMonth(string CounselorId, int OpenCasesAtMonthEnd, int Sessions);

/// <summary>A count for one month (yyyy-MM).</summary>
public sealed record MonthCount(string Month, int Count);

/// <summary>
/// Computes <see cref="MonthlyFigures"/> from the events, never from projections: every case the office opened, folded
/// from its events recorded by the month's end and up to the checkpoint's sequence (<see cref="StoreAsOf"/>, as the
/// dashboard as of a past moment folds them), the transfers accepted into or out of the office, and the outcome report
/// by intake month as of the month's end. Cases count at the office that opened them, as the dashboard and the outcome
/// report count them; transfers in and out are shown beside.
/// </summary>
public static class MonthlyFiguresCalculator
{
    public const int ChartMonths = 12;

    public static async Task<MonthlyFigures> ComputeAsync(
        IQuerySession session, string officeId, ReportMonth month, long checkpointSequence, CancellationToken cancellation)
    {
        var asOf = month.End;
        var first = month.First;
        var last = month.Last;
        var chartFrom = first.AddMonths(-(ChartMonths - 1));

        var period = new OfficeDailyStatistics { OfficeId = officeId };
        int sessions = 0, assessments = 0, jobReferrals = 0;
        var jobOutcomes = Enum.GetValues<JobReferralOutcome>().ToDictionary(QueryParameters.JsonName, _ => 0);
        var trainingOutcomes = Enum.GetValues<TrainingOutcome>().ToDictionary(QueryParameters.JsonName, _ => 0);
        var placementsByMonth = Enumerable.Range(0, ChartMonths).ToDictionary(i => chartFrom.AddMonths(i).ToString("yyyy-MM"), _ => 0);
        var sessionsByCounselor = new Dictionary<string, int>();
        var outcomes = new Dictionary<Guid, CaseOutcome>();
        bool InMonth(DateOnly day) => day >= first && day <= last;

        var (cases, _) = await StoreAsOf.FoldAsync<CounselingCase>(session, asOf, officeId, null, null, null, (current, e) =>
        {
            var next = CounselingCase.Evolve(current, e.Data);
            if (next is null) return null;
            if (CaseOutcome.EventTypes.Contains(e.Data.GetType()) && CaseOutcome.Evolve(outcomes.GetValueOrDefault(e.StreamId), e.Data) is { } outcome)
                outcomes[e.StreamId] = outcome;
            // The dashboard's own counting, so the month's figures are the dashboard's for the month as of its end.
            if (OfficeDailyStatisticsProjection.DayOf(e.Data) is { } on && InMonth(on))
                OfficeDailyStatisticsProjection.Count(period, e.Data, next.OpenedOn);
            switch (e.Data)
            {
                case CounselingSessionLogged logged when InMonth(Wib.DateOf(logged.HeldAt)):
                    sessions++;
                    // The case's counselor when the session was logged: only they record its sessions.
                    var counselorId = (current ?? next).CounselorId;
                    sessionsByCounselor[counselorId] = sessionsByCounselor.GetValueOrDefault(counselorId) + 1;
                    break;
                case SelfAssessmentRecorded assessed when InMonth(assessed.AssessedOn):
                    assessments++;
                    break;
                case JobReferralMade referral when InMonth(referral.ReferredOn):
                    jobReferrals++;
                    break;
                case JobReferralOutcomeRecorded result when InMonth(result.On):
                    jobOutcomes[QueryParameters.JsonName(result.Outcome)]++;
                    break;
                case TrainingReferralOutcomeRecorded result when InMonth(result.On):
                    trainingOutcomes[QueryParameters.JsonName(result.Outcome)]++;
                    break;
                case WorkerPlaced placed when placed.StartsOn >= chartFrom && placed.StartsOn <= last:
                    placementsByMonth[placed.StartsOn.ToString("yyyy-MM")]++;
                    break;
            }
            return next;
        }, cancellation, checkpointSequence);

        var figures = PeriodFigures.Sum([period]);
        var open = cases.Values.Where(c => !c.IsClosed).ToList();
        var byStage = Enum.GetValues<CaseStage>().Where(s => s != CaseStage.Closed)
            .ToDictionary(QueryParameters.JsonName, stage => open.Count(c => c.Stage == stage));
        // Worklist's rule: a case whose worker has no job asks for a call once 30 days have passed without contact.
        var withoutContact = open.Count(c => !c.IsPlaced && !c.IsSelfEmployed
            && Wib.DateOf(c.LastContactAt ?? c.OpenedAt).AddDays(Worklist.NoContactDays) <= last);
        var counselors = open.Select(c => c.CounselorId).Union(sessionsByCounselor.Keys).Order(StringComparer.Ordinal)
            .Select(id => new CounselorMonth(id, open.Count(c => c.CounselorId == id), sessionsByCounselor.GetValueOrDefault(id)))
            .ToList();
        // A benefit month counts in the month its last day falls in (as the outcome report counts it).
        var benefitMet = outcomes.Values.Sum(o => o.BenefitMonthsMet.Count(InMonth));
        var benefitNotMet = outcomes.Values.Sum(o => o.BenefitMonthsNotMet.Count(InMonth));
        var (transfersIn, transfersOut) = await TransfersAsync(session, officeId, month, checkpointSequence, cancellation);

        var cohorts = await OutcomeReport.AsOfAsync(session,
            new OutcomeReport.Query(OutcomeGrouping.IntakeMonth, chartFrom, last, officeId), asOf, cancellation, checkpointSequence);

        return new MonthlyFigures(
            officeId, month.Text, asOf, checkpointSequence,
            new MonthActivity(
                figures.NewCases, sessions, assessments, jobReferrals, jobOutcomes, figures.TrainingReferrals, trainingOutcomes,
                figures.Placements, figures.SelfEmployments, figures.CasesClosed, figures.CasesClosedWithWork,
                figures.PlacementRate, figures.MedianDaysFromIntakeToPlacement, benefitMet, benefitNotMet, transfersIn, transfersOut),
            open.Count, withoutContact, byStage, counselors,
            [.. placementsByMonth.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new MonthCount(p.Key, p.Value))],
            cohorts.Groups);
    }

    /// <summary>Transfers accepted in the month into and out of the office, recorded by the month's end and at the checkpoint.</summary>
    private static async Task<(int In, int Out)> TransfersAsync(
        IQuerySession session, string officeId, ReportMonth month, long checkpointSequence, CancellationToken cancellation)
    {
        var accepted = await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypesAre(typeof(CaseTransferAccepted)) && e.Timestamp <= month.End && e.Sequence <= checkpointSequence)
            .ToListAsync(cancellation);
        var inMonth = accepted.Select(e => (CaseTransferAccepted)e.Data).Where(t => t.On >= month.First && t.On <= month.Last).ToList();
        return (inMonth.Count(t => t.ToOfficeId == officeId), inMonth.Count(t => t.FromOfficeId == officeId));
    }
}

/// <summary>
/// A calendar month of the offices' calendar (WIB), written yyyy-MM. It ends at 00:00 WIB on the first day of the next
/// month: the report is as of that instant.
/// </summary>
public sealed record ReportMonth(int Year, int Number)
{
    public string Text => $"{Year:D4}-{Number:D2}";
    public DateOnly First => new(Year, Number, 1);
    public DateOnly Last => First.AddMonths(1).AddDays(-1);
    public DateTimeOffset End => new DateTimeOffset(First.AddMonths(1).ToDateTime(TimeOnly.MinValue), Wib.Offset).ToUniversalTime();

    /// <summary>yyyy-MM from 2000-01 to 9998-12 (the twelve months before and the month after stay representable); null otherwise.</summary>
    public static ReportMonth? Parse(string? text)
    {
        if (text is not { Length: 7 } || text[4] != '-') return null;
        if (!int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            return null;
        return year is >= 2000 and <= 9998 && number is >= 1 and <= 12 ? new ReportMonth(year, number) : null;
    }
}
