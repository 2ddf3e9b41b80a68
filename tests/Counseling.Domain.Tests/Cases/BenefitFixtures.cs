using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

/// <summary>The claims and evidence the benefit's tests decide months on (BenefitTests, BenefitDatesTests).</summary>
internal static class BenefitFixtures
{
    public static readonly BenefitRuleSet Pp37 = BenefitRuleSets.Find(BenefitRuleSets.Pp37Of2021)!;
    public static readonly BenefitRuleSet Pp6 = BenefitRuleSets.Find(BenefitRuleSets.Pp6Of2025)!;

    public static readonly DateOnly Phk = new(2026, 5, 29);
    public static readonly DateOnly ClaimDay = new(2026, 6, 1);

    /// <summary>A case whose worker earned <paramref name="wage"/>, was laid off on <paramref name="phk"/> and claimed on <paramref name="claimedOn"/>.</summary>
    public static CounselingCase Claimed(DateOnly phk, DateOnly claimedOn, long wage = 5_200_000)
    {
        var command = OpenCaseCommand() with
        {
            Employment = Employment() with { TerminationDate = phk, LastMonthlyWageRupiah = wage },
            ClaimedOn = claimedOn,
            Contributions = new ContributionHistory(20, 20),
        };
        var decision = CounselingCase.Decide(null, command, Now);
        decision.Refusal.Should().BeNull();
        return decision.Events.Aggregate((CounselingCase?)null, CounselingCase.Evolve)!;
    }

    /// <summary>Claimed 1 June 2026 and committed: month 1 is June, month 2 is 1-31 July, ... month 6 is 1-30 November.</summary>
    public static CounselingCase Committed() => Claimed(Phk, ClaimDay).After(new JobSearchCommitmentMade(ClaimDay));

    public static JobSearchActivityRecorded Applied(DateOnly on) =>
        new(Guid.NewGuid(), JobSearchActivityKind.Application, on, "PT Maju Jaya Plastindo", null, null);

    public static IEnumerable<JobSearchActivityRecorded> FiveApplications(DateOnly from) =>
        Enumerable.Range(0, 5).Select(i => Applied(from.AddDays(i * 3)));
}
