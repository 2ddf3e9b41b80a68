using Counseling.Domain.Cases.ClaimApproval;

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

    /// <summary>The events <see cref="Evolve"/> reads.</summary>
    public static readonly IReadOnlyCollection<Type> EventTypes =
    [
        typeof(CaseOpened), typeof(JkpClaimRecorded), typeof(JobSearchCommitmentMade), typeof(JobSearchActivityRecorded),
        typeof(WorkerPlaced), typeof(CaseClosed), typeof(JkpClaimApproved), typeof(SelfEmploymentStarted),
    ];

    /// <summary>
    /// The history after one more event of the case; the same instance when the event changes nothing.
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
        (_, JkpClaimRecorded claim) => current with
        {
            Claim = current.Claim with
            {
                ClaimedOn = claim.ClaimedOn, Contributions = claim.Contributions, ClaimDateRecorded = true,
                Participation = claim.Participation, Contract = claim.Contract, EarlierClaims = claim.EarlierClaims,
            },
        },
        (_, JobSearchCommitmentMade committed) => current with { JobSearchCommittedOn = committed.CommittedOn },
        (_, JobSearchActivityRecorded activity) => current with
        {
            JobSearchActivities = [.. current.JobSearchActivities,
                new JobSearchActivity(activity.ActivityId, activity.Kind, activity.On, null, null, activity.AttendancePercent)],
        },
        (_, WorkerPlaced placed) when current.FirstPlacementStartsOn is not { } earlier || placed.StartsOn < earlier =>
            current with { FirstPlacementStartsOn = placed.StartsOn },
        // Closures stored before the day of death was recorded take the closure day as the day of death, as they were decided.
        (_, CaseClosed { Reason: ClosureReason.Died } closed) => current with { DiedOn = closed.DiedOn ?? closed.On },
        (_, JkpClaimApproved approved) => current with { ClaimApprovedOn = approved.ApprovedOn },
        (_, SelfEmploymentStarted started) when current.SelfEmployedSince is not { } earlier || started.StartsOn < earlier =>
            current with { SelfEmployedSince = started.StartsOn },
        _ => current,
    };
}
