using System.Reflection;
using Counseling.Domain.Cases.Intake;

namespace Counseling.Domain.Cases.Benefit;

/// <summary>One rule of JKP the service applies, in a sentence, and where the law (or, failing it, a named secondary source) says so.</summary>
public sealed record JkpRule(string Id, string Statement, string Source);

/// <summary>
/// Every JKP rule the service applies: each figure of each rule set (<see cref="BenefitRuleSets"/>) and the intake's rules
/// (<see cref="IntakeRules"/>). docs/jkp-rules.md tables them; JkpRuleCitationTests fails when one has no citation.
/// </summary>
public static class JkpRules
{
    /// <summary>
    /// Which source property of a <see cref="BenefitRuleSet"/> cites each of its figures. A figure added to the rule sets
    /// without an entry here fails JkpRuleCitationTests.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FigureSources = new Dictionary<string, string>
    {
        [nameof(BenefitRuleSet.MonthlyPercent)] = nameof(BenefitRuleSet.AmountSource),
        [nameof(BenefitRuleSet.WageCapRupiah)] = nameof(BenefitRuleSet.WageCapSource),
        [nameof(BenefitRuleSet.ClaimWindowMonths)] = nameof(BenefitRuleSet.ClaimWindowSource),
        [nameof(BenefitRuleSet.MinimumMonthsPaid)] = nameof(BenefitRuleSet.ContributionSource),
        [nameof(BenefitRuleSet.ContributionLookbackMonths)] = nameof(BenefitRuleSet.ContributionSource),
        [nameof(BenefitRuleSet.MinimumConsecutiveMonths)] = nameof(BenefitRuleSet.ContributionSource),
        [nameof(BenefitRuleSet.MinimumApplications)] = nameof(BenefitRuleSet.EvidenceSource),
        [nameof(BenefitRuleSet.MinimumInterviewOrTestCalls)] = nameof(BenefitRuleSet.EvidenceSource),
        [nameof(BenefitRuleSet.MinimumTrainingAttendancePercent)] = nameof(BenefitRuleSet.EvidenceSource),
        [nameof(BenefitRuleSet.LastMonthNeedsEmploymentStatusReport)] = nameof(BenefitRuleSet.EvidenceSource),
        [nameof(BenefitRuleSet.SelfEmploymentEndsBenefit)] = nameof(BenefitRuleSet.SelfEmploymentSource),
    };

    /// <summary>The rule sets' figures (one rule per figure and rule set, e.g. "PP-6-2025/WageCapRupiah"), then the intake's rules.</summary>
    public static IReadOnlyList<JkpRule> All =>
    [
        .. from set in BenefitRuleSets.All
           from figure in FigureSources
           select new JkpRule($"{set.Id}/{figure.Key}", $"{figure.Key} = {FigureValue(set, figure.Key)}",
               (string)typeof(BenefitRuleSet).GetProperty(figure.Value)!.GetValue(set)!),
        .. from set in BenefitRuleSets.All
           where set.ApprovalTransitionSource is not null
           select new JkpRule($"{set.Id}/ApprovalTransition",
               $"A claim approved on or after {set.InForceFrom:yyyy-MM-dd} is paid under {set.Id} throughout, whatever its PHK date.",
               set.ApprovalTransitionSource!),
        .. typeof(IntakeRules).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(JkpRule)).Select(f => (JkpRule)f.GetValue(null)!),
    ];

    private static string FigureValue(BenefitRuleSet set, string figure) =>
        typeof(BenefitRuleSet).GetProperty(figure)!.GetValue(set) switch
        {
            IEnumerable<int> list => string.Join("/", list),
            var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        };
}
