namespace Counseling.Domain.Cases.Benefit;

/// <summary>
/// The JKP rules as one regulation (with the ministerial rules under it) set them, in force from a date. Each figure
/// carries the article it comes from. A new amendment is a new entry in <see cref="BenefitRuleSets.All"/>, not new code.
/// </summary>
public sealed record BenefitRuleSet
{
    /// <summary>"PP-6-2025": what <c>?ruleSet=</c> names.</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required DateOnly InForceFrom { get; init; }

    /// <summary>The cash benefit for each benefit month, as a percentage of the wage basis; its count is the number of months.</summary>
    public required IReadOnlyList<int> MonthlyPercent { get; init; }
    public required string AmountSource { get; init; }

    /// <summary>The last wage the employer reported to BPJS Ketenagakerjaan counts up to this cap.</summary>
    public required long WageCapRupiah { get; init; }
    public required string WageCapSource { get; init; }

    /// <summary>The right lapses when no claim is made within this many months of the PHK.</summary>
    public required int ClaimWindowMonths { get; init; }
    public required string ClaimWindowSource { get; init; }

    /// <summary>Contribution months paid within the <see cref="ContributionLookbackMonths"/> before the PHK.</summary>
    public required int MinimumMonthsPaid { get; init; }
    public required int ContributionLookbackMonths { get; init; }
    /// <summary>Months paid one after the other right before the PHK.</summary>
    public required int MinimumConsecutiveMonths { get; init; }
    public required string ContributionSource { get; init; }

    /// <summary>Evidence of active job search for a month after the first: any one of these suffices.</summary>
    public required int MinimumApplications { get; init; }
    public required int MinimumInterviewOrTestCalls { get; init; }
    public required int MinimumTrainingAttendancePercent { get; init; }
    /// <summary>The last month is paid only once the worker has also reported their employment status.</summary>
    public required bool LastMonthNeedsEmploymentStatusReport { get; init; }
    public required string EvidenceSource { get; init; }

    /// <summary>
    /// Whether starting one's own business (wirausaha) ends the right as new employment does. The regulations do not
    /// settle it: <see cref="SelfEmploymentSource"/> gives this service's reading and what it rests on; the what-if
    /// (<c>?selfEmploymentEndsBenefit=</c>) shows the other.
    /// </summary>
    public required bool SelfEmploymentEndsBenefit { get; init; }
    public required string SelfEmploymentSource { get; init; }

    /// <summary>
    /// When set, a claim BPJS Ketenagakerjaan approves on or after <see cref="InForceFrom"/> is paid under this rule set
    /// throughout (claim window, amounts, evidence), whatever its PHK date; the text it rests on. Null: no such provision.
    /// </summary>
    public string? ApprovalTransitionSource { get; init; }

    /// <summary>The last day a claim may be made for a PHK on <paramref name="terminationDate"/>.</summary>
    public DateOnly ClaimDeadline(DateOnly terminationDate) => terminationDate.AddMonths(ClaimWindowMonths);

    public long WageBasis(long lastReportedWageRupiah) => Math.Min(Math.Max(0, lastReportedWageRupiah), WageCapRupiah);

    /// <summary>Whole rupiah, rounded down: 60% of Rp5,000,000 is Rp3,000,000.</summary>
    public long AmountFor(int monthNumber, long lastReportedWageRupiah) =>
        WageBasis(lastReportedWageRupiah) * MonthlyPercent[monthNumber - 1] / 100;

    public IReadOnlyList<string> Sources =>
        [AmountSource, WageCapSource, ClaimWindowSource, ContributionSource, EvidenceSource, SelfEmploymentSource,
         .. ApprovalTransitionSource is { } transition ? new[] { transition } : []];

    /// <summary>
    /// The title or a source (by its property's name) as a refusal quotes it: the API says it in the reader's language
    /// (resource key "Why.RuleSet.{Id}.{property}").
    /// </summary>
    public Wording Quoted(string property) => new($"RuleSet.{Id}.{property}", property switch
    {
        nameof(Title) => Title,
        nameof(AmountSource) => AmountSource,
        nameof(ClaimWindowSource) => ClaimWindowSource,
        nameof(ContributionSource) => ContributionSource,
        _ => throw new ArgumentException($"Refusals do not quote {property}.", nameof(property)),
    });

    /// <summary>Every text of this rule set that refusals quote.</summary>
    public IEnumerable<Wording> QuotedWordings() =>
        [Quoted(nameof(Title)), Quoted(nameof(AmountSource)), Quoted(nameof(ClaimWindowSource)), Quoted(nameof(ContributionSource))];
}

public static class BenefitRuleSets
{
    public const string Pp37Of2021 = "PP-37-2021";
    public const string Pp6Of2025 = "PP-6-2025";

    /// <summary>Every rule set JKP has had, oldest first.</summary>
    public static readonly IReadOnlyList<BenefitRuleSet> All =
    [
        new()
        {
            Id = Pp37Of2021,
            Title = "PP 37/2021 on the JKP programme, with Permenaker 15/2021",
            InForceFrom = new DateOnly(2021, 2, 2),
            MonthlyPercent = [45, 45, 45, 25, 25, 25],
            AmountSource = "PP 37/2021 Pasal 21: 45% of the wage for the first three months, 25% for the next three",
            WageCapRupiah = 5_000_000,
            WageCapSource = "PP 37/2021 Pasal 21: the last wage reported to BPJS Ketenagakerjaan, capped at Rp5,000,000",
            ClaimWindowMonths = 3,
            ClaimWindowSource = "PP 37/2021 Pasal 40: the right lapses when no claim is made within 3 months of the PHK",
            MinimumMonthsPaid = 12,
            ContributionLookbackMonths = 24,
            MinimumConsecutiveMonths = 6,
            ContributionSource = "PP 37/2021 Pasal 19: at least 12 months of contributions within 24 months, 6 of them paid consecutively before the PHK",
            MinimumApplications = 5,
            MinimumInterviewOrTestCalls = 1,
            MinimumTrainingAttendancePercent = 80,
            LastMonthNeedsEmploymentStatusReport = false,
            EvidenceSource = "Permenaker 15/2021 Pasal 13 (before Permenaker 2/2025 amended it): months 2-6 need 5 job applications, or 1 interview or selection-test call, or 80% attendance of a training",
            SelfEmploymentEndsBenefit = false,
            SelfEmploymentSource = "This service's reading, the texts not settling it: PP 37/2021 Pasal 40 ends the right on new employment, and " +
                                   "Pasal 1 angka 2 defines a Pekerja/Buruh as one who works for a wage or other remuneration, which starting " +
                                   "one's own business is not; BPJS Ketenagakerjaan said in April 2022 that recipients who became independent " +
                                   "workers still receive the benefit (Kompas, 29 April 2022)",
        },
        new()
        {
            Id = Pp6Of2025,
            Title = "PP 6/2025 amending PP 37/2021, with Permenaker 2/2025 amending Permenaker 15/2021",
            InForceFrom = new DateOnly(2025, 2, 7),
            MonthlyPercent = [60, 60, 60, 60, 60, 60],
            AmountSource = "PP 6/2025 Pasal 21 ayat (1): 60% of the wage for at most six months",
            WageCapRupiah = 5_000_000,
            WageCapSource = "PP 6/2025 Pasal 21 ayat (2): the last wage reported to BPJS Ketenagakerjaan, capped at Rp5,000,000",
            ClaimWindowMonths = 6,
            ClaimWindowSource = "PP 6/2025 Pasal 40: the right lapses when no claim is made within 6 months of the PHK, on new employment, or on death",
            MinimumMonthsPaid = 12,
            ContributionLookbackMonths = 24,
            MinimumConsecutiveMonths = 6,
            ContributionSource = "PP 37/2021 Pasal 19 (not amended by PP 6/2025): at least 12 months of contributions within 24 months, 6 of them paid consecutively before the PHK",
            MinimumApplications = 5,
            MinimumInterviewOrTestCalls = 1,
            MinimumTrainingAttendancePercent = 80,
            LastMonthNeedsEmploymentStatusReport = true,
            EvidenceSource = "Permenaker 15/2021 Pasal 13 as amended by Permenaker 2/2025: months 2-6 need 5 job applications in the month, " +
                             "or 1 interview or selection-test call, or 80% attendance of a training; month 6 also an employment-status report",
            SelfEmploymentEndsBenefit = false,
            SelfEmploymentSource = "This service's reading, the texts not settling it: PP 6/2025 Pasal 40 ends the right when the worker has " +
                                   "found new work (\"telah mendapat pekerjaan\"), read with PP 37/2021 Pasal 1 angka 2, which defines a " +
                                   "Pekerja/Buruh as one who works for a wage or other remuneration: starting one's own business is not new " +
                                   "employment (as BPJS Ketenagakerjaan told Kompas on 29 April 2022 for PP 37/2021)",
            ApprovalTransitionSource = "Permenaker 2/2025 Pasal II angka 4 (text read through pasal.id): a claim made before PP 6/2025 took " +
                                       "effect and declared eligible on 7 February 2025 or later is paid under PP 6/2025; angka 3: a benefit " +
                                       "still running on 7 February 2025 is paid under PP 6/2025 from that day",
        },
    ];

    /// <summary>The rule set in force on <paramref name="date"/>; null before JKP existed.</summary>
    public static BenefitRuleSet? InForceOn(DateOnly date) => All.LastOrDefault(r => r.InForceFrom <= date);

    public static BenefitRuleSet? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
}
