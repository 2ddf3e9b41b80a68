using System.Globalization;
using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.Intake;

// The intake step: its events (declared in Counseling.Domain.Cases, the namespace they were stored under), its command and
// its decision.

namespace Counseling.Domain.Cases
{
    /// <summary>Why an intake is refused (see <see cref="Intake.CaseIntake.Open"/>).</summary>
    public static partial class Why
    {
        // Intake (OpenCase)
        public static readonly Wording BirthDateNotPast = new(nameof(BirthDateNotPast), "The birth date must be in the past.");
        public static readonly Wording TerminationInFuture = new(nameof(TerminationInFuture), "The termination date cannot be in the future.");
        public static readonly Wording TerminationBeforeBirth = new(nameof(TerminationBeforeBirth), "The termination date must be after the birth date.");
        public static readonly Wording TerminationDoesNotQualify = new(nameof(TerminationDoesNotQualify),
            "A termination for '{0}' does not qualify for JKP: only a loss of work through termination by the employer (PHK) does, " +
            "not resignation, retirement, death or permanent total disability.");
        public static readonly Wording BeforeJkpBegan = new(nameof(BeforeJkpBegan),
            "JKP began with {0}, in force from {1:yyyy-MM-dd}: a PHK on {2:yyyy-MM-dd} precedes it.");
        public static readonly Wording ClaimInFuture = new(nameof(ClaimInFuture), "The claim date cannot be in the future.");
        public static readonly Wording ClaimBeforePhk = new(nameof(ClaimBeforePhk), "The claim date is before the PHK on {0:yyyy-MM-dd}.");
        public static readonly Wording ClaimTooLate = new(nameof(ClaimTooLate),
            "{0}. The PHK on {1:yyyy-MM-dd} falls under {2}: the claim had to be made by {3:yyyy-MM-dd}, and was made on {4:yyyy-MM-dd}.");
        public static readonly Wording TooFewContributions = new(nameof(TooFewContributions), "{0}; the claim shows {1} months of contributions in all.");
        public static readonly Wording MoreIn24MonthsThanInAll = new(nameof(MoreIn24MonthsThanInAll), "{0} months in the last 24 is more than the {1} months paid in all.");
        public static readonly Wording MoreConsecutiveThanInAll = new(nameof(MoreConsecutiveThanInAll), "{0} consecutive months is more than the {1} months paid in all.");
        public static readonly Wording TooFewRecentContributions = new(nameof(TooFewRecentContributions), "{0}; the claim shows {1} months within the last {2}.");
        public static readonly Wording TooFewConsecutiveContributions = new(nameof(TooFewConsecutiveContributions), "{0}; the claim shows {1} consecutive months before the PHK.");
    }

    /// <summary>
    /// Who the worker is. Every value is text so that the stored event can hold it encrypted with the case's key (the
    /// service encrypts them before they are appended); the birth date is "yyyy-MM-dd" while plain, the spelling a
    /// DateOnly had in events stored before, so their JSON is unchanged.
    /// </summary>
    public sealed record WorkerDetails(
        [property: PersonalData] string Nik,
        [property: PersonalData] string FullName,
        [property: PersonalData] string BirthDate,
        [property: PersonalData] string Phone,
        [property: PersonalData] string BpjsMembershipNumber)
    {
        public static WorkerDetails Of(string nik, string fullName, DateOnly birthDate, string phone, string bpjsMembershipNumber) =>
            new(nik, fullName, birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), phone, bpjsMembershipNumber);

        /// <summary>The birth date of a worker as given at intake, before it is encrypted.</summary>
        public DateOnly BornOn() => DateOnly.ParseExact(BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public sealed record EndedEmployment(
        string Employer,
        string LastPosition,
        DateOnly TerminationDate,
        TerminationReason TerminationReason,
        long LastMonthlyWageRupiah);

    /// <summary>Intake: a laid-off worker's JKP claim became a counseling case.</summary>
    public sealed record CaseOpened(
        Guid CaseId,
        string OfficeId,
        string CounselorId,
        WorkerDetails Worker,
        EndedEmployment Employment,
        // BPJS Ketenagakerjaan's handle on the worker's claim: it identifies them.
        [property: PersonalData] string JkpClaimReference,
        int ContributionMonths,
        DateTimeOffset OpenedAt) : INarrated
    {
        public Narration Narrate() => Narration.Of("Narrative.CaseOpened", OfficeId, CounselorId, JkpClaimReference, Employment.LastPosition, Employment.Employer, Employment.TerminationDate, Employment.TerminationReason, ContributionMonths);
    }

    /// <summary>Months of JKP contributions as BPJS Ketenagakerjaan reports them at the claim.</summary>
    public sealed record ContributionHistory(int MonthsPaidInLast24Months, int ConsecutiveMonthsBeforeTermination);

    /// <summary>
    /// Intake, beside <see cref="CaseOpened"/>: what the JKP entitlement is decided on besides the wage and the PHK date
    /// there. Cases opened before this event existed have none; their claim date is taken to be the intake date.
    /// </summary>
    public sealed record JkpClaimRecorded(DateOnly ClaimedOn, ContributionHistory? Contributions) : INarrated
    {
        public Narration Narrate() => Narration.Of("Narrative.JkpClaimRecorded", ClaimedOn)
            .ThenOrStop(Contributions is not null, "Narrative.JkpClaimContributions",
                Contributions?.MonthsPaidInLast24Months, Contributions?.ConsecutiveMonthsBeforeTermination);
    }
}

namespace Counseling.Domain.Cases.Intake
{

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
}
