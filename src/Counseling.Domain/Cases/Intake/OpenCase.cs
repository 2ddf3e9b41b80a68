using Counseling.Domain.Cases.Benefit;

namespace Counseling.Domain.Cases.Intake;

/// <param name="ContributionMonths">Every month of JKP contributions the worker has paid.</param>
/// <param name="ClaimedOn">The day the JKP claim was made; the intake day when not given.</param>
/// <param name="Contributions">The contribution history the entitlement is decided on; when not given, only
/// <paramref name="ContributionMonths"/> is checked (fewer than the months the rules require cannot meet them).</param>
public sealed record OpenCase(
    Guid CaseId,
    string OfficeId,
    string CounselorId,
    WorkerDetails Worker,
    EndedEmployment Employment,
    string JkpClaimReference,
    int ContributionMonths,
    DateOnly? ClaimedOn = null,
    ContributionHistory? Contributions = null);

public static class CaseIntake
{
    /// <summary>JKP is paid after job loss, not after leaving work by choice, by age, by death or by disability.</summary>
    public static readonly IReadOnlySet<TerminationReason> NonQualifyingReasons = new HashSet<TerminationReason>
    {
        TerminationReason.Resignation,
        TerminationReason.Retirement,
        TerminationReason.Death,
        TerminationReason.PermanentTotalDisability,
    };

    public static Decision Open(OpenCase command, DateTimeOffset now)
    {
        var today = Wib.DateOf(now);
        var employment = command.Employment;
        var bornOn = command.Worker.BornOn();

        if (bornOn >= today)
            return Refusal.Invalid("worker.birthDate", Why.BirthDateNotPast);
        if (employment.TerminationDate > today)
            return Refusal.Invalid("employment.terminationDate", Why.TerminationInFuture);
        if (employment.TerminationDate <= bornOn)
            return Refusal.Invalid("employment.terminationDate", Why.TerminationBeforeBirth);
        if (NonQualifyingReasons.Contains(employment.TerminationReason))
            return Refusal.NotAllowed("employment.terminationReason", Why.TerminationDoesNotQualify, employment.TerminationReason);

        if (BenefitRuleSets.InForceOn(employment.TerminationDate) is not { } rules)
            return Refusal.NotAllowed("employment.terminationDate", Why.BeforeJkpBegan,
                BenefitRuleSets.All[0].Quoted(nameof(BenefitRuleSet.Title)), BenefitRuleSets.All[0].InForceFrom, employment.TerminationDate);
        var claimedOn = command.ClaimedOn ?? today;
        if (claimedOn > today) return Refusal.Invalid("claimedOn", Why.ClaimInFuture);
        if (claimedOn < employment.TerminationDate)
            return Refusal.Invalid("claimedOn", Why.ClaimBeforePhk, employment.TerminationDate);
        var deadline = rules.ClaimDeadline(employment.TerminationDate);
        if (claimedOn > deadline)
            return Refusal.NotAllowed("claimedOn", Why.ClaimTooLate,
                rules.Quoted(nameof(BenefitRuleSet.ClaimWindowSource)), employment.TerminationDate, rules.Id, deadline, claimedOn);
        if (ContributionRefusal(command, rules) is { } contributions) return contributions;

        return Decision.Accept(new CaseOpened(
            command.CaseId,
            command.OfficeId,
            command.CounselorId,
            command.Worker,
            employment,
            command.JkpClaimReference,
            command.ContributionMonths,
            now),
            new JkpClaimRecorded(claimedOn, command.Contributions));
    }

    private static Refusal? ContributionRefusal(OpenCase command, BenefitRuleSet rules)
    {
        if (command.Contributions is not { } history)
            return command.ContributionMonths < rules.MinimumMonthsPaid
                ? Refusal.NotAllowed("contributionMonths", Why.TooFewContributions,
                    rules.Quoted(nameof(BenefitRuleSet.ContributionSource)), command.ContributionMonths)
                : null;

        if (history.MonthsPaidInLast24Months > command.ContributionMonths)
            return Refusal.Invalid("contributionHistory.monthsPaidInLast24Months",
                Why.MoreIn24MonthsThanInAll, history.MonthsPaidInLast24Months, command.ContributionMonths);
        if (history.ConsecutiveMonthsBeforeTermination > command.ContributionMonths)
            return Refusal.Invalid("contributionHistory.consecutiveMonthsBeforeTermination",
                Why.MoreConsecutiveThanInAll, history.ConsecutiveMonthsBeforeTermination, command.ContributionMonths);
        if (history.MonthsPaidInLast24Months < rules.MinimumMonthsPaid)
            return Refusal.NotAllowed("contributionHistory.monthsPaidInLast24Months", Why.TooFewRecentContributions,
                rules.Quoted(nameof(BenefitRuleSet.ContributionSource)), history.MonthsPaidInLast24Months, rules.ContributionLookbackMonths);
        if (history.ConsecutiveMonthsBeforeTermination < rules.MinimumConsecutiveMonths)
            return Refusal.NotAllowed("contributionHistory.consecutiveMonthsBeforeTermination", Why.TooFewConsecutiveContributions,
                rules.Quoted(nameof(BenefitRuleSet.ContributionSource)), history.ConsecutiveMonthsBeforeTermination);
        return null;
    }
}
