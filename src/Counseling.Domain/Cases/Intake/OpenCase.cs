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
            return Refusal.Invalid("worker.birthDate", "The birth date must be in the past.");
        if (employment.TerminationDate > today)
            return Refusal.Invalid("employment.terminationDate", "The termination date cannot be in the future.");
        if (employment.TerminationDate <= bornOn)
            return Refusal.Invalid("employment.terminationDate", "The termination date must be after the birth date.");
        if (NonQualifyingReasons.Contains(employment.TerminationReason))
            return Refusal.NotAllowed(
                $"A termination for '{employment.TerminationReason}' does not qualify for JKP: only a loss of work " +
                "through termination by the employer (PHK) does, not resignation, retirement, death or permanent total disability.",
                "employment.terminationReason");

        if (BenefitRuleSets.InForceOn(employment.TerminationDate) is not { } rules)
            return Refusal.NotAllowed(
                $"JKP began with {BenefitRuleSets.All[0].Title}, in force from {BenefitRuleSets.All[0].InForceFrom:yyyy-MM-dd}: " +
                $"a PHK on {employment.TerminationDate:yyyy-MM-dd} precedes it.", "employment.terminationDate");
        var claimedOn = command.ClaimedOn ?? today;
        if (claimedOn > today) return Refusal.Invalid("claimedOn", "The claim date cannot be in the future.");
        if (claimedOn < employment.TerminationDate)
            return Refusal.Invalid("claimedOn", $"The claim date is before the PHK on {employment.TerminationDate:yyyy-MM-dd}.");
        var deadline = rules.ClaimDeadline(employment.TerminationDate);
        if (claimedOn > deadline)
            return Refusal.NotAllowed(
                $"{rules.ClaimWindowSource}. The PHK on {employment.TerminationDate:yyyy-MM-dd} falls under {rules.Id}: the claim " +
                $"had to be made by {deadline:yyyy-MM-dd}, and was made on {claimedOn:yyyy-MM-dd}.", "claimedOn");
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
                ? Refusal.NotAllowed(
                    $"{rules.ContributionSource}; the claim shows {command.ContributionMonths} months of contributions in all.", "contributionMonths")
                : null;

        if (history.MonthsPaidInLast24Months > command.ContributionMonths)
            return Refusal.Invalid("contributionHistory.monthsPaidInLast24Months",
                $"{history.MonthsPaidInLast24Months} months in the last 24 is more than the {command.ContributionMonths} months paid in all.");
        if (history.ConsecutiveMonthsBeforeTermination > command.ContributionMonths)
            return Refusal.Invalid("contributionHistory.consecutiveMonthsBeforeTermination",
                $"{history.ConsecutiveMonthsBeforeTermination} consecutive months is more than the {command.ContributionMonths} months paid in all.");
        if (history.MonthsPaidInLast24Months < rules.MinimumMonthsPaid)
            return Refusal.NotAllowed(
                $"{rules.ContributionSource}; the claim shows {history.MonthsPaidInLast24Months} months within the last {rules.ContributionLookbackMonths}.",
                "contributionHistory.monthsPaidInLast24Months");
        if (history.ConsecutiveMonthsBeforeTermination < rules.MinimumConsecutiveMonths)
            return Refusal.NotAllowed(
                $"{rules.ContributionSource}; the claim shows {history.ConsecutiveMonthsBeforeTermination} consecutive months before the PHK.",
                "contributionHistory.consecutiveMonthsBeforeTermination");
        return null;
    }
}
