namespace Counseling.Domain.Cases.Benefit;

/// <summary>
/// What <see cref="JkpBenefit.For(BenefitHistory, DateOnly, BenefitRuleSet?)"/> decides a benefit on, and nothing else:
/// the claim, the job-search commitment, the evidence (its kind, day and attendance only, never the employer or programme
/// typed in), the first job's start and a death. <see cref="Evolve"/> is its one fold: the case carries the result
/// (<see cref="CounselingCase.Benefit"/>), and the outcome report, which must not hold the case's personal data,
/// folds the same events with it.
/// </summary>
public sealed record BenefitHistory(
    JkpClaim Claim,
    DateOnly? JobSearchCommittedOn,
    IReadOnlyList<JobSearchActivity> JobSearchActivities,
    DateOnly? FirstPlacementStartsOn,
    DateOnly? DiedOn)
{
    /// <summary>The day BPJS Ketenagakerjaan approved the claim, when recorded: it can decide the rules (see <see cref="JkpBenefit"/>).</summary>
    public DateOnly? ClaimApprovedOn { get; init; }

    /// <summary>
    /// The day the worker started a business of their own. It ends the right only under the other reading the what-if can
    /// show (<see cref="BenefitRuleSet.SelfEmploymentEndsBenefit"/>).
    /// </summary>
    public DateOnly? SelfEmployedSince { get; init; }

    /// <summary>
    /// The events <see cref="Evolve"/> reads: the intake's <see cref="CaseOpened"/> and every <see cref="IBenefitEvent"/> of
    /// the domain, found once, so that a new step's event is read without a line here.
    /// </summary>
    public static readonly IReadOnlyCollection<Type> EventTypes =
    [
        typeof(CaseOpened),
        .. typeof(IBenefitEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenefitEvent).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal),
    ];

    /// <summary>
    /// The history after one more event of the case; the same instance when the event changes nothing. Each event says
    /// how, beside its declaration (<see cref="IBenefitEvent.Apply"/>).
    /// </summary>
    public static BenefitHistory? Evolve(BenefitHistory? current, object @event) => (current, @event) switch
    {
        (null, CaseOpened opened) => new BenefitHistory(
            new JkpClaim(opened.Employment.TerminationDate, opened.Employment.LastMonthlyWageRupiah, Wib.DateOf(opened.OpenedAt), null,
                ClaimDateRecorded: false)
            {
                TerminationReason = opened.Employment.TerminationReason,
                ContributionMonths = opened.ContributionMonths,
            },
            null, [], null, null),
        (null, _) => null,
        (_, IBenefitEvent step) => step.Apply(current),
        _ => current,
    };
}
