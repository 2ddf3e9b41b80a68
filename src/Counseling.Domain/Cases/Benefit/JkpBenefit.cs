using System.Globalization;

namespace Counseling.Domain.Cases.Benefit;

/// <summary>Where a benefit month stands: upcoming, due, met, not met or lapsed.</summary>

public enum BenefitMonthStatus
{
    /// <summary>The month has not begun.</summary>
    Upcoming,
    /// <summary>The month is running and its conditions are not met yet.</summary>
    Due,
    Met,
    /// <summary>The month is over and its conditions were not met: it is not paid.</summary>
    NotMet,
    /// <summary>The right to this month was lost: new employment, death (from the day of death), or no claim in time.</summary>
    Lapsed,
}

/// <summary>Why the JKP benefit ended: new employment, death, or the six months are over.</summary>

public enum BenefitEndReason
{
    NewEmployment,
    Death,
    PeriodOver,
    NotClaimedInTime,
    /// <summary>A business of the worker's own: only under the reading that it ends the right (a what-if, see <see cref="BenefitRuleSet.SelfEmploymentEndsBenefit"/>).</summary>
    SelfEmployment,
}

/// <summary>What the case holds as evidence for one benefit month (activities dated within the month).</summary>
public sealed record MonthEvidence(int Applications, int InterviewOrTestCalls, int? TrainingAttendancePercent, bool EmploymentStatusReported);

/// <summary>
/// One benefit month: its period (both days included), the rule set that prices it, the amount, and whether its
/// conditions are met. <see cref="AtRisk"/>: a month still due with <see cref="JkpBenefit.AtRiskDays"/> days or fewer left.
/// </summary>
public sealed record BenefitMonth(
    int Number,
    DateOnly From,
    DateOnly To,
    string RuleSet,
    int Percent,
    long AmountRupiah,
    BenefitMonthStatus Status,
    bool AtRisk,
    MonthEvidence Evidence,
    string? Missing);

/// <summary>An intake rule a claim does not meet: the field it concerns, the refusal's code and its English reason.</summary>
public sealed record EntitlementFinding(string? Field, string Code, string Reason);

/// <summary>A case's JKP benefit as its history decides it on one day, under the rules in force or a rule set asked for.</summary>
public sealed record BenefitSchedule(
    string RuleSet,
    string RuleSetTitle,
    bool RuleSetRequested,
    DateOnly TerminationDate,
    DateOnly ClaimedOn,
    bool ClaimDateRecorded,
    DateOnly ClaimDeadline,
    long LastReportedWageRupiah,
    long WageBasisRupiah,
    ContributionHistory? Contributions,
    DateOnly? JobSearchCommittedOn,
    IReadOnlyList<BenefitMonth> Months,
    long TotalRupiah,
    long MetRupiah,
    DateOnly? EndedOn,
    BenefitEndReason? EndedBecause,
    IReadOnlyList<string> Sources)
{
    /// <summary>The day BPJS Ketenagakerjaan approved the claim, when recorded.</summary>
    public DateOnly? ClaimApprovedOn { get; init; }

    /// <summary>
    /// True when the approval day chose the rule set (a claim approved once a later rule set came into force is paid
    /// under it throughout, Permenaker 2/2025 Pasal II angka 4), not the PHK date.
    /// </summary>
    public bool RuleSetByApproval { get; init; }

    /// <summary>The reading this schedule was decided on: whether a business of the worker's own ends the right.</summary>
    public bool SelfEmploymentEndsBenefit { get; init; }

    /// <summary>
    /// The intake's rules the claim's stored facts do not meet under this schedule's rule set
    /// (<see cref="Intake.CaseIntake.EntitlementUnder"/>, added by <see cref="JkpBenefit.WithEntitlement(BenefitSchedule, CounselingCase)"/>): empty when entitled. A claim stored before the intake recorded
    /// those facts lists the missing ones: how it would be decided under the rules as they are now; its schedule stands.
    /// </summary>
    public IReadOnlyList<EntitlementFinding> Unmet { get; init; } = [];

    /// <summary>True when the claim's stored facts meet every intake rule under this schedule's rule set.</summary>
    public bool Entitled => Unmet.Count == 0;

    /// <summary>The month running on <paramref name="today"/>, if any.</summary>
    public BenefitMonth? MonthOn(DateOnly today) => Months.FirstOrDefault(m => m.From <= today && today <= m.To);

    public DateOnly PeriodEnd => Months[^1].To;
}

/// <summary>
/// The benefit month by month, decided from the case's own history: the claim (PHK date, wage, claim date), the
/// job-search commitment and activities, the self-assessment, a placement and a death. Plain data in, plain data out,
/// so the case view, the what-if, the caseload projections and reports all share it.
/// </summary>
public static class JkpBenefit
{
    /// <summary>A month still due with this many days or fewer left (its last day included) is at risk.</summary>
    public const int AtRiskDays = 7;

    /// <summary>
    /// The schedule as it stands on <paramref name="today"/>. Without <paramref name="ruleSet"/>, the claim window is
    /// the one in force on the PHK date and each month is priced by the rules in force on its first day (Permenaker
    /// 2/2025 Pasal II angka 3: a benefit still running on 7 February 2025 is paid under PP 6/2025 from then on), unless
    /// the claim was approved once a later rule set with an approval transition was in force: then that one decides
    /// everything (Pasal II angka 4). With <paramref name="ruleSet"/>, that one rule set decides everything: the what-if.
    /// <paramref name="selfEmploymentEndsBenefit"/> overrides the rule set's reading of self-employment (the what-if of
    /// the other reading). Null for a case without a claim (none exists yet).
    /// </summary>
    public static BenefitSchedule? For(CounselingCase current, DateOnly today, BenefitRuleSet? ruleSet = null, bool? selfEmploymentEndsBenefit = null) =>
        current.Benefit is { } history
            // A case document stored before the benefit kept the self-employment start has it at the case's top level.
            ? For(history.SelfEmployedSince is null && current.SelfEmployedSince is { } since ? history with { SelfEmployedSince = since } : history,
                today, ruleSet, selfEmploymentEndsBenefit)
            : null;

    /// <summary>The same schedule from the benefit's part of a case's history alone (see <see cref="BenefitHistory"/>).</summary>
    public static BenefitSchedule For(BenefitHistory current, DateOnly today, BenefitRuleSet? ruleSet = null, bool? selfEmploymentEndsBenefit = null)
    {
        var claim = current.Claim;
        var byApproval = ruleSet is null ? ApprovedUnder(current) : null;
        var governing = ruleSet ?? byApproval ?? BenefitRuleSets.InForceOn(claim.TerminationDate) ?? BenefitRuleSets.All[0];
        var selfEmploymentEnds = selfEmploymentEndsBenefit ?? governing.SelfEmploymentEndsBenefit;
        var deadline = governing.ClaimDeadline(claim.TerminationDate);
        var claimedInTime = claim.ClaimedOn <= deadline;

        var monthCount = governing.MonthlyPercent.Count;
        var periodEnd = claim.ClaimedOn.AddMonths(monthCount).AddDays(-1);
        var (endedOn, endedBecause) =
            !claimedInTime ? (deadline.AddDays(1), BenefitEndReason.NotClaimedInTime)
            : Earliest(
                    (current.FirstPlacementStartsOn, BenefitEndReason.NewEmployment),
                    (selfEmploymentEnds ? current.SelfEmployedSince : null, BenefitEndReason.SelfEmployment),
                    (current.DiedOn, BenefitEndReason.Death)) is
                { } early && early.On <= periodEnd ? early
            : today > periodEnd ? (periodEnd, BenefitEndReason.PeriodOver)
            : ((DateOnly?)null, (BenefitEndReason?)null);

        var months = Enumerable.Range(1, monthCount).Select(number =>
        {
            var from = claim.ClaimedOn.AddMonths(number - 1);
            var to = claim.ClaimedOn.AddMonths(number).AddDays(-1);
            var rules = ruleSet ?? byApproval ?? BenefitRuleSets.InForceOn(from) ?? governing;
            var evidence = EvidenceIn(current, from, to);
            var missing = Missing(current, rules, number, monthCount, to, evidence);
            // A month after the first is paid once it is over, so employment or death before its last day loses it: a
            // month that ended before the day of death keeps its status, the months from it on lapse (PP 6/2025 Pasal 40).
            var lapsed = !claimedInTime
                         || (endedBecause is BenefitEndReason.NewEmployment or BenefitEndReason.Death or BenefitEndReason.SelfEmployment
                             && (number == 1 ? endedOn <= from : endedOn <= to));
            var status = lapsed ? BenefitMonthStatus.Lapsed
                : missing is null ? BenefitMonthStatus.Met
                : today < from ? BenefitMonthStatus.Upcoming
                : today <= to ? BenefitMonthStatus.Due
                : BenefitMonthStatus.NotMet;
            var atRisk = status == BenefitMonthStatus.Due && to.DayNumber - today.DayNumber < AtRiskDays;
            return new BenefitMonth(number, from, to, rules.Id, rules.MonthlyPercent[number - 1],
                rules.AmountFor(number, claim.LastMonthlyWageRupiah), status, atRisk, evidence, lapsed ? null : missing);
        }).ToList();

        return new BenefitSchedule(
            governing.Id, governing.Title, ruleSet is not null, claim.TerminationDate, claim.ClaimedOn, claim.ClaimDateRecorded,
            deadline, claim.LastMonthlyWageRupiah, governing.WageBasis(claim.LastMonthlyWageRupiah), claim.Contributions,
            current.JobSearchCommittedOn, months,
            months.Sum(m => m.Status == BenefitMonthStatus.Lapsed ? 0 : m.AmountRupiah),
            months.Sum(m => m.Status == BenefitMonthStatus.Met ? m.AmountRupiah : 0),
            endedOn, endedBecause,
            [.. months.Select(m => m.RuleSet).Prepend(governing.Id).Distinct().SelectMany(id => BenefitRuleSets.Find(id)!.Sources).Distinct()])
        {
            ClaimApprovedOn = current.ClaimApprovedOn,
            RuleSetByApproval = byApproval is not null,
            SelfEmploymentEndsBenefit = selfEmploymentEnds,
        };
    }

    /// <summary>
    /// <paramref name="schedule"/> with the intake's rules its claim's stored facts do not meet under its rule set
    /// (<see cref="BenefitSchedule.Unmet"/>): what the case view and the what-if show. Not part of <see cref="For(BenefitHistory, DateOnly, BenefitRuleSet?, bool?)"/>,
    /// which the async projections call for every case they project and which needs only the months.
    /// </summary>
    public static BenefitSchedule WithEntitlement(this BenefitSchedule schedule, CounselingCase current) =>
        current.Benefit is { } history ? schedule.WithEntitlement(history) : schedule;

    /// <inheritdoc cref="WithEntitlement(BenefitSchedule, CounselingCase)"/>
    public static BenefitSchedule WithEntitlement(this BenefitSchedule schedule, BenefitHistory history) => schedule with
    {
        Unmet = [.. Intake.CaseIntake.EntitlementUnder(BenefitRuleSets.Find(schedule.RuleSet)!, history.Claim)
            .Select(r => new EntitlementFinding(r.Field, r.Code, r.Reason))],
    };

    /// <summary>
    /// The rule set an approved claim is paid under throughout: the one in force on the approval day, when it carries an
    /// approval transition (PP 6/2025 by Permenaker 2/2025 Pasal II angka 4) and is later than the one in force on the
    /// PHK date; otherwise null, and the case is decided as without an approval day.
    /// </summary>
    private static BenefitRuleSet? ApprovedUnder(BenefitHistory current) =>
        current.ClaimApprovedOn is { } approved
        && BenefitRuleSets.InForceOn(approved) is { ApprovalTransitionSource: not null } atApproval
        && BenefitRuleSets.InForceOn(current.Claim.TerminationDate) is { } atPhk
        && atApproval.InForceFrom > atPhk.InForceFrom
            ? atApproval
            : null;

    /// <summary>
    /// The last days of the months whose conditions are not met and whose right is not lost, whatever the day: a
    /// month due, at risk or to come is among them until its evidence is recorded. What the caseload projection keeps
    /// so its queries find at-risk months in SQL.
    /// </summary>
    public static IReadOnlyList<DateOnly> EvidenceDueOn(CounselingCase current) =>
        For(current, DateOnly.MinValue) is { } schedule
            ? [.. schedule.Months.Where(m => m.Status is not (BenefitMonthStatus.Met or BenefitMonthStatus.Lapsed)).Select(m => m.To)]
            : [];

    /// <summary>
    /// How a schedule would change under another one (e.g. a what-if): one line per difference, empty when none.
    /// </summary>
    public static IReadOnlyList<string> Differences(BenefitSchedule actual, BenefitSchedule other)
    {
        var differences = new List<string>();
        if (actual.Entitled != other.Entitled || !actual.Unmet.Select(u => u.Code).SequenceEqual(other.Unmet.Select(u => u.Code)))
            differences.Add($"entitlement: {Describe(actual)} → {Describe(other)}");
        if (actual.ClaimDeadline != other.ClaimDeadline)
            differences.Add($"claim deadline {actual.ClaimDeadline:yyyy-MM-dd} → {other.ClaimDeadline:yyyy-MM-dd}");
        if (actual.EndedBecause != other.EndedBecause)
            differences.Add($"benefit ended: {actual.EndedBecause?.ToString() ?? "not ended"} → {other.EndedBecause?.ToString() ?? "not ended"}");
        foreach (var (a, b) in actual.Months.Zip(other.Months))
        {
            if (a.AmountRupiah != b.AmountRupiah || a.Status != b.Status)
                differences.Add(string.Create(CultureInfo.InvariantCulture,
                    $"month {a.Number}: Rp{a.AmountRupiah:N0} {a.Status} → Rp{b.AmountRupiah:N0} {b.Status}"));
        }
        if (actual.Months.Count != other.Months.Count)
            differences.Add($"{actual.Months.Count} months → {other.Months.Count} months");
        return differences;

        static string Describe(BenefitSchedule schedule) =>
            schedule.Entitled ? "entitled" : "not entitled (" + string.Join(", ", schedule.Unmet.Select(u => u.Code)) + ")";
    }

    private static MonthEvidence EvidenceIn(BenefitHistory current, DateOnly from, DateOnly to)
    {
        var inMonth = current.JobSearchActivities.Where(a => a.On >= from && a.On <= to).ToList();
        return new MonthEvidence(
            inMonth.Count(a => a.Kind == JobSearchActivityKind.Application),
            inMonth.Count(a => a.Kind is JobSearchActivityKind.InterviewCall or JobSearchActivityKind.SelectionTestCall),
            inMonth.Where(a => a.Kind == JobSearchActivityKind.TrainingAttendance).Max(a => a.AttendancePercent),
            inMonth.Any(a => a.Kind == JobSearchActivityKind.EmploymentStatusReport));
    }

    /// <summary>What the month still lacks under <paramref name="rules"/>, or null when its conditions are met.</summary>
    private static string? Missing(BenefitHistory current, BenefitRuleSet rules, int number, int monthCount, DateOnly to, MonthEvidence evidence)
    {
        var missing = new List<string>();
        if (current.JobSearchCommittedOn is not { } committed || committed > to) missing.Add("the job-search commitment");
        // The first month is paid on the claim itself (Permenaker 15/2021 Pasal 13 ayat (1) as amended): the claim and the
        // commitment are all it needs here; the self-assessment that follows the claim is made in SIAPkerja, not in this case.
        if (number > 1)
        {
            var searched = evidence.Applications >= rules.MinimumApplications
                           || evidence.InterviewOrTestCalls >= rules.MinimumInterviewOrTestCalls
                           || evidence.TrainingAttendancePercent >= rules.MinimumTrainingAttendancePercent;
            if (!searched)
                missing.Add($"evidence of job search ({rules.MinimumApplications} applications, {evidence.Applications} recorded; " +
                            $"or {rules.MinimumInterviewOrTestCalls} interview or selection-test call; " +
                            $"or {rules.MinimumTrainingAttendancePercent}% training attendance)");
            if (number == monthCount && rules.LastMonthNeedsEmploymentStatusReport && !evidence.EmploymentStatusReported)
                missing.Add("the employment-status report");
        }
        return missing.Count == 0 ? null : string.Join("; ", missing);
    }

    /// <summary>The earliest of the days given, with its reason (the first given wins a tie); null when none is.</summary>
    private static (DateOnly On, BenefitEndReason Reason)? Earliest(params (DateOnly? On, BenefitEndReason Reason)[] ends) =>
        ends.Where(e => e.On is not null).Select(e => ((DateOnly On, BenefitEndReason Reason)?)(e.On!.Value, e.Reason))
            .OrderBy(e => e!.Value.On).FirstOrDefault();
}
