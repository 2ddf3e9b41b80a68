using Counseling.Domain.Cases;

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

    /// <summary>
    /// The JKP benefit months (issue 17) that were due so far, and how many of them the worker met. Null until the benefit
    /// work supplies them through <see cref="BenefitMonths"/>: the report's share column stays empty meanwhile.
    /// </summary>
    public int? BenefitMonthsDue { get; init; }
    public int? BenefitMonthsMet { get; init; }

    public const string NoTraining = "none";

    /// <summary>The day the worker started work (a job or a business, whichever came first), or null.</summary>
    public DateOnly? WorkStartedOn() => PlacedOn is { } placed && SelfEmployedOn is { } business
        ? (placed < business ? placed : business)
        : PlacedOn ?? SelfEmployedOn;

    /// <summary>Where a counselor's credit for the case ends: the day work started, else the closure, else the report's cut.</summary>
    public DateOnly CreditEnd(DateOnly cut) => WorkStartedOn() ?? ClosedOn ?? cut;

    /// <summary>The events <see cref="Evolve"/> reads: a fold as of a past moment loads only these.</summary>
    public static readonly IReadOnlyCollection<Type> EventTypes =
    [
        typeof(CaseOpened), typeof(CaseReassigned), typeof(TrainingReferralMade), typeof(TrainingReferralOutcomeRecorded),
        typeof(WorkerPlaced), typeof(PlacementFollowedUp), typeof(SelfEmploymentStarted), typeof(CaseClosed), typeof(CaseReopened),
        .. BenefitMonths.EventTypes,
    ];

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
/// The extension point for the JKP benefit (issue 17, built in parallel): when its events land, this counts a case's
/// benefit months into <see cref="CaseOutcome.BenefitMonthsDue"/> and <see cref="CaseOutcome.BenefitMonthsMet"/> from
/// them (reusing the benefit's own domain function for a case's months), and the report's benefitMonthsMetShare fills
/// in after a rebuild of the CaseOutcome projection. Until then it leaves the outcome as it is.
/// </summary>
public static class BenefitMonths
{
    /// <summary>The benefit's events that <see cref="Apply"/> reads (added to <see cref="CaseOutcome.EventTypes"/>).</summary>
    public static readonly IReadOnlyCollection<Type> EventTypes = [];

    public static CaseOutcome Apply(CaseOutcome outcome, object @event) => outcome;
}
