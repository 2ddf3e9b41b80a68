using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;

namespace Counseling.Domain.Reports;

/// <summary>A stretch of time a counselor held a case: from the day they took it to the day they handed it on (null: still).</summary>
public sealed record Holding(string CounselorId, DateOnly From, DateOnly? Until);

/// <summary>
/// What a case achieved, as outcome reports count it: one per case, built from the case's events alone and holding no
/// personal data. The figures of a report are sums and medians over these (see <c>OutcomeReport</c>).
/// The first placement is the case's placement: a worker who lost that job and was placed again counts once, with the
/// first job's start, wage and follow-up.
/// </summary>
public sealed record CaseOutcome
{
    public Guid Id { get; init; }
    public required string OfficeId { get; init; }
    public DateOnly OpenedOn { get; init; }

    /// <summary>The alasan PHK, spelled as the API spells it ("efficiency").</summary>
    public required string TerminationReason { get; init; }

    /// <summary>The kinds of training the worker was referred to, in journey order and joined by '+' ("course+competencyTest"), or "none".</summary>
    public string TrainingPath { get; init; } = NoTraining;

    public IReadOnlyList<Holding> Holdings { get; init; } = [];

    /// <summary>The counselor of a case that never changed hands (most cases), who is credited with all of it; else null.</summary>
    public string? SoleCounselorId => Holdings.Count == 1 ? Holdings[0].CounselorId : null;

    public Guid? PlacementId { get; init; }
    public DateOnly? PlacedOn { get; init; }
    public long? StartingWageRupiah { get; init; }

    /// <summary>The placement's three-month follow-up (FollowUpPlacement): still employed, not, or not followed up yet.</summary>
    public bool? StillEmployedAtFollowUp { get; init; }

    public DateOnly? SelfEmployedOn { get; init; }

    /// <summary>The day the case was closed, while it is; a reopening clears it.</summary>
    public DateOnly? ClosedOn { get; init; }

    public int CompetencyTestsPassed { get; init; }

    /// <summary>The benefit's part of the case's history (no personal data), which <see cref="BenefitMonths"/> re-decides the months on.</summary>
    public BenefitHistory? Benefit { get; init; }

    /// <summary>
    /// The last days of the JKP benefit months whose conditions the worker met (see <see cref="BenefitMonths"/>), in
    /// ascending order, as both these lists are: the report counts them by binary search.
    /// </summary>
    public DateOnly[] BenefitMonthsMet { get; init; } = [];

    /// <summary>
    /// The last days of the benefit months not met (so far) whose right was not lost: running and future months are among
    /// them, and a report counts only those over by its cut.
    /// </summary>
    public DateOnly[] BenefitMonthsNotMet { get; init; } = [];

    public const string NoTraining = "none";

    /// <summary>The day the worker started work (a job or a business, whichever came first), or null.</summary>
    public DateOnly? WorkStartedOn() => PlacedOn is { } placed && SelfEmployedOn is { } business
        ? (placed < business ? placed : business)
        : PlacedOn ?? SelfEmployedOn;

    /// <summary>Where a counselor's credit for the case ends: the day work started, else the closure, else the report's cut.</summary>
    public DateOnly CreditEnd(DateOnly cut) => WorkStartedOn() ?? ClosedOn ?? cut;

    /// <summary>The events <see cref="Evolve"/> reads: a fold as of a past moment loads only these.</summary>
    public static readonly IReadOnlyCollection<Type> EventTypes = new[]
    {
        typeof(CaseOpened), typeof(CaseReassigned), typeof(TrainingReferralMade), typeof(TrainingReferralOutcomeRecorded),
        typeof(WorkerPlaced), typeof(PlacementFollowedUp), typeof(SelfEmploymentStarted), typeof(CaseClosed), typeof(CaseReopened),
    }.Union(BenefitMonths.EventTypes).ToArray();

    /// <summary>The outcome after one more event of its case; an event before the intake, or one outcomes do not count, changes nothing.</summary>
    public static CaseOutcome? Evolve(CaseOutcome? current, object @event)
    {
        var next = (current, @event) switch
        {
            (null, CaseOpened opened) => new CaseOutcome
            {
                Id = opened.CaseId,
                OfficeId = opened.OfficeId,
                OpenedOn = Wib.DateOf(opened.OpenedAt),
                TerminationReason = JsonName(opened.Employment.TerminationReason),
                Holdings = [new Holding(opened.CounselorId, Wib.DateOf(opened.OpenedAt), null)],
            },
            (null, _) => null,
            (_, CaseReassigned reassigned) => current with
            {
                Holdings = [.. current.Holdings.Select(h => h.Until is null ? h with { Until = reassigned.On } : h),
                    new Holding(reassigned.ToCounselorId, reassigned.On, null)],
            },
            (_, TrainingReferralMade referral) => current with { TrainingPath = WithKind(current.TrainingPath, referral.Kind) },
            (_, TrainingReferralOutcomeRecorded { Outcome: TrainingOutcome.CertifiedCompetent }) =>
                current with { CompetencyTestsPassed = current.CompetencyTestsPassed + 1 },
            (_, WorkerPlaced placed) when current.PlacementId is null => current with
            {
                PlacementId = placed.PlacementId,
                PlacedOn = placed.StartsOn,
                StartingWageRupiah = placed.MonthlyWageRupiah,
            },
            (_, PlacementFollowedUp followUp) when followUp.PlacementId == current.PlacementId =>
                current with { StillEmployedAtFollowUp = followUp.StillEmployed },
            (_, SelfEmploymentStarted started) when current.SelfEmployedOn is null => current with { SelfEmployedOn = started.StartsOn },
            (_, CaseClosed closed) => current with { ClosedOn = closed.On },
            (_, CaseReopened) => current with { ClosedOn = null },
            _ => current,
        };
        return next is null ? null : BenefitMonths.Apply(next, @event);
    }

    private static string WithKind(string path, TrainingKind kind)
    {
        var kinds = path == NoTraining ? [] : path.Split('+').ToHashSet();
        kinds.Add(JsonName(kind));
        return string.Join('+', Enum.GetValues<TrainingKind>().Select(JsonName).Where(kinds.Contains));
    }

    public static string JsonName<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>
    /// The days each counselor held the case from its intake to <paramref name="end"/> (the day work started, the case
    /// closed, or the report's cut), as shares that add up to 1: a counselor who took the case over a week before the
    /// placement is credited with a week of it. A case that ended on its intake day belongs wholly to whoever held it then.
    /// The outcome report computes the same in SQL; this is its specification, tested without a database.
    /// </summary>
    public IReadOnlyList<(string CounselorId, decimal Share)> Shares(DateOnly end)
    {
        if (end < OpenedOn) end = OpenedOn;
        var total = end.DayNumber - OpenedOn.DayNumber;
        if (total == 0)
            return [.. Holdings.Where(h => h.From <= end && (h.Until is null || h.Until > end)).Select(h => (h.CounselorId, 1m))];
        return Holdings
            .GroupBy(h => h.CounselorId)
            .Select(g => (CounselorId: g.Key, Days: g.Sum(h => Math.Max(0, Earliest(h.Until ?? end, end).DayNumber - Latest(h.From, OpenedOn).DayNumber))))
            .Where(c => c.Days > 0)
            .Select(c => (c.CounselorId, c.Days / (decimal)total))
            .ToList();
    }

    private static DateOnly Earliest(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateOnly Latest(DateOnly a, DateOnly b) => a > b ? a : b;
}

/// <summary>
/// A case's JKP benefit months as the outcome report counts them, re-decided by the benefit's own rules
/// (<see cref="JkpBenefit.For(BenefitHistory, DateOnly, BenefitRuleSet?)"/>) after every event that can change them: a month
/// is met when its conditions hold (the job-search commitment; from month 2 the evidence dated within the month, Permenaker
/// 15/2021 Pasal 13 as amended by Permenaker 2/2025), whenever that evidence was recorded. A lapsed month (the right lost
/// to new employment or death, PP 6/2025 Pasal 40, or a claim out of time) was never due and is left out. Each month is
/// kept as its last day, in <see cref="CaseOutcome.BenefitMonthsMet"/> or <see cref="CaseOutcome.BenefitMonthsNotMet"/>,
/// so the report can count, for any period and cut, the months that ended in it.
/// </summary>
public static class BenefitMonths
{
    /// <summary>The benefit's events that <see cref="Apply"/> reads (added to <see cref="CaseOutcome.EventTypes"/>).</summary>
    public static readonly IReadOnlyCollection<Type> EventTypes = BenefitHistory.EventTypes;

    public static CaseOutcome Apply(CaseOutcome outcome, object @event)
    {
        var history = BenefitHistory.Evolve(outcome.Benefit, @event);
        if (history is null || ReferenceEquals(history, outcome.Benefit)) return outcome;
        // Whether a month is met or lapsed does not depend on the day it is looked at from, only its being over does,
        // and that the report decides on its cut.
        var months = JkpBenefit.For(history, DateOnly.MinValue).Months.Where(m => m.Status != BenefitMonthStatus.Lapsed).ToList();
        return outcome with
        {
            Benefit = history,
            BenefitMonthsMet = [.. months.Where(m => m.Status == BenefitMonthStatus.Met).Select(m => m.To)],
            BenefitMonthsNotMet = [.. months.Where(m => m.Status != BenefitMonthStatus.Met).Select(m => m.To)],
        };
    }
}
