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
        public static readonly Wording ContributionHistoryRequired = new(nameof(ContributionHistoryRequired),
            "The contribution history is required: the months paid in the last 24 and the consecutive months before the PHK (PP 37/2021 Pasal 19).");
        public static readonly Wording ArrearsNotCovered = new(nameof(ArrearsNotCovered),
            "{0} months of arrears ({1}) is more than the {2} months BPJS Ketenagakerjaan pays for under {3}: the employer pays the benefit. {4}");
        public static readonly Wording ParticipationRequired = new(nameof(ParticipationRequired),
            "The worker's participation is required: citizenship, the day they joined and their JKN enrolment.");
        public static readonly Wording JoinedInFuture = new(nameof(JoinedInFuture), "The day the worker joined cannot be in the future.");
        public static readonly Wording JoinedBeforeBirth = new(nameof(JoinedBeforeBirth), "The day the worker joined must be after the birth date.");
        public static readonly Wording JoinedAfterPhk = new(nameof(JoinedAfterPhk), "The day the worker joined is after the PHK on {0:yyyy-MM-dd}.");
        public static readonly Wording NotAnIndonesianCitizen = new(nameof(NotAnIndonesianCitizen),
            "Only Indonesian citizens are JKP participants. {0}");
        public static readonly Wording JoinedTooOld = new(nameof(JoinedTooOld),
            "The worker was {0} when they joined: participants join before they are {1}. {2}");
        public static readonly Wording NotEnrolledInJkn = new(nameof(NotEnrolledInJkn),
            "A participant is enrolled by the employer in JKN; the worker is not. {0}");
        public static readonly Wording ContractTypeRequired = new(nameof(ContractTypeRequired),
            "The contract type of the ended job is required: permanent (PKWTT) or fixed-term (PKWT).");
        public static readonly Wording OpenEndedContractHasNoEnd = new(nameof(OpenEndedContractHasNoEnd),
            "An open-ended contract (PKWTT) has no end date: leave contractEndsOn out.");
        public static readonly Wording FixedTermContractNeedsEnd = new(nameof(FixedTermContractNeedsEnd),
            "A fixed-term contract (PKWT) needs the last day of its term (contractEndsOn).");
        public static readonly Wording ContractRanToTerm = new(nameof(ContractRanToTerm),
            "The fixed-term contract ran to its term ({0:yyyy-MM-dd}; the job ended {1:yyyy-MM-dd}): that is not a PHK for JKP. {2}");
        public static readonly Wording EarlierClaimAfterPhk = new(nameof(EarlierClaimAfterPhk),
            "An earlier claim on {0:yyyy-MM-dd} is after this PHK on {1:yyyy-MM-dd}.");
        public static readonly Wording ClaimLimitReached = new(nameof(ClaimLimitReached),
            "The worker has claimed JKP {0} times already; a worker claims at most {1} times. {2}");
        public static readonly Wording TooSoonAfterEarlierClaim = new(nameof(TooSoonAfterEarlierClaim),
            "The previous claim was on {0:yyyy-MM-dd}: a further claim needs {1} more years of contributions, so a PHK from {2:yyyy-MM-dd}, not {3:yyyy-MM-dd}. {4}");
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

    /// <summary>
    /// Months of JKP contributions as BPJS Ketenagakerjaan reports them at the claim. <paramref name="Arrears"/>: the
    /// months right before the PHK that the employer owed and did not pay, and why (stated at intakes since the JKP rules
    /// of issue 27; none on older events).
    /// </summary>
    public sealed record ContributionHistory(int MonthsPaidInLast24Months, int ConsecutiveMonthsBeforeTermination, ContributionArrears? Arrears = null);

    /// <summary>Why the employer stopped paying contributions before the PHK.</summary>
    public enum ArrearsCause
    {
        /// <summary>Declared bankrupt (pailit) under the law.</summary>
        EmployerBankrupt,
        /// <summary>Closed down (tutup) under the law.</summary>
        EmployerClosed,
        /// <summary>Any other reason: the employer simply did not pay.</summary>
        Other,
    }

    /// <summary><paramref name="MonthsUnpaid"/> months right before the PHK that the employer did not pay.</summary>
    public sealed record ContributionArrears(int MonthsUnpaid, ArrearsCause Cause);

    /// <summary>How the ended job was held: an open-ended contract (PKWTT) or a fixed-term one (PKWT) ending on a date.</summary>
    public enum EmploymentContractType
    {
        /// <summary>Perjanjian kerja waktu tidak tertentu (PKWTT).</summary>
        Permanent,
        /// <summary>Perjanjian kerja waktu tertentu (PKWT).</summary>
        FixedTerm,
    }

    /// <param name="EndsOn">The last day of a fixed-term contract's term; none for an open-ended one.</param>
    public sealed record EmploymentContract(EmploymentContractType Type, DateOnly? EndsOn);

    /// <summary>Who may be a JKP participant: the facts the intake records (BPJS Ketenagakerjaan holds the proof).</summary>
    /// <param name="JoinedOn">When the worker became a participant of BPJS Ketenagakerjaan's programmes.</param>
    /// <param name="EnrolledInJkn">Whether the employer enrolled the worker in JKN (BPJS Kesehatan), as the worker states it.</param>
    public sealed record Participation(bool IndonesianCitizen, DateOnly JoinedOn, bool EnrolledInJkn);

    /// <summary>An earlier JKP claim of the same worker: stated at intake, or found among this service's cases (<paramref name="CaseId"/>).</summary>
    public sealed record EarlierJkpClaim(DateOnly ClaimedOn, Guid? CaseId = null);

    /// <summary>
    /// Intake, beside <see cref="CaseOpened"/>: what the JKP entitlement is decided on besides the wage and the PHK date
    /// there. Cases opened before this event existed have none; their claim date is taken to be the intake date. The
    /// participation, the contract and the earlier claims are recorded by intakes since issue 27 (none on older events,
    /// whose decisions stand as they were made).
    /// </summary>
    public sealed record JkpClaimRecorded(
        DateOnly ClaimedOn,
        ContributionHistory? Contributions,
        Participation? Participation = null,
        EmploymentContract? Contract = null,
        IReadOnlyList<EarlierJkpClaim>? EarlierClaims = null) : IBenefitEvent, INarrated
    {
        public BenefitHistory Apply(BenefitHistory current) => current with
        {
            Claim = current.Claim with
            {
                ClaimedOn = ClaimedOn, Contributions = Contributions, ClaimDateRecorded = true,
                Participation = Participation, Contract = Contract, EarlierClaims = EarlierClaims,
            },
        };

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
        ContributionHistory? Contributions = null,
        Participation? Participation = null,
        EmploymentContract? Contract = null,
        IReadOnlyList<EarlierJkpClaim>? EarlierClaims = null);

    /// <summary>
    /// The JKP rules an intake applies besides the rule sets' figures (<see cref="BenefitRuleSets"/>), each with its source.
    /// docs/jkp-rules.md lists them; JkpRuleCitationTests fails on a rule without a citation or missing from that table.
    /// </summary>
    public static class IntakeRules
    {
        public static readonly JkpRule Participants = new("participants",
            "A participant is an Indonesian citizen, under 54 when they joined, enrolled by the employer in JKN and in BPJS Ketenagakerjaan's programmes.",
            "PP 37/2021 Pasal 4, as summarised in BPJS Ketenagakerjaan's guidance reported by parapuan.co and rakyatbengkulu.disway.id " +
            "(secondary sources; the article's wording unconfirmed against the gazetted text). Enrolment in the other programmes is BPJS's to check.");

        /// <summary>A participant must have joined before this age.</summary>
        public const int MaximumAgeAtJoining = 54;

        public static readonly JkpRule FixedTermContracts = new("fixed-term-contracts",
            "A fixed-term contract (PKWT) qualifies only when the employer ended it before its term; one that ran to its end date does not.",
            "PP 37/2021 Pasal 19 ayat (1) (PKWTT and PKWT both covered) and Pasal 20 ayat (2) (PKWT only when ended before its term), " +
            "as quoted by hmlawoffice.blogspot.com (2021)");

        public static readonly JkpRule ContributionHistoryRequired = new("contribution-history-required",
            "The claim's months paid in the last 24 and consecutive months before the PHK are required: a total alone cannot show them.",
            "PP 37/2021 Pasal 19 (12 months within 24, 6 of them consecutive before the PHK)");

        public static readonly JkpRule EmployerArrears = new("employer-arrears",
            "Months the employer owed right before the PHK count as paid when BPJS Ketenagakerjaan still pays: up to 3 months in any case; " +
            "up to 6 when the employer was declared bankrupt or closed, for a PHK under PP 6/2025. More than that, the employer pays the benefit, not BPJS.",
            "PP 37/2021 Pasal 39 ayat (1) and (3) (arrears up to 3 months: BPJS pays; more: the employer pays first); " +
            "PP 6/2025 Pasal 39A ayat (1) (employer bankrupt or closed, arrears up to 6 months: BPJS pays), as quoted by okezone.com and jccnetwork.id (17 February 2025)");

        public static readonly JkpRule FurtherClaims = new("further-claims",
            $"A further claim needs {YearsBetweenClaims} more years of contributions since the previous claim, and a worker claims at most {MaximumClaims} times.",
            "Secondary source only: BPJS Ketenagakerjaan's terms as reported (five more years of contributions before a later claim; " +
            "a limited number of claims), as issue 27 records them; the article is unconfirmed. The service counts years since the " +
            "previous claim, which five years of contributions cannot be paid in less than; BPJS checks the months themselves.");

        public const int YearsBetweenClaims = 5;
        public const int MaximumClaims = 3;

        /// <summary>
        /// The months of arrears BPJS Ketenagakerjaan covers for a PHK under <paramref name="rules"/>: 3 (PP 37/2021 Pasal 39
        /// ayat (1), unchanged by PP 6/2025); 6 when the employer was declared bankrupt or closed, from PP 6/2025 (Pasal 39A).
        /// </summary>
        public static int ArrearsCoveredMonths(BenefitRuleSet rules, ArrearsCause cause) =>
            cause is ArrearsCause.EmployerBankrupt or ArrearsCause.EmployerClosed && rules.Id == BenefitRuleSets.Pp6Of2025 ? 6 : 3;
    }

    public static class CaseIntake
    {
        /// <summary>JKP is paid after job loss, not after leaving work by choice, by age, by death or by disability.</summary>
        public static readonly IReadOnlySet<TerminationReason> NonQualifyingReasons = new HashSet<TerminationReason>
        {
            TerminationReason.Resignation,
            TerminationReason.Retirement,
            TerminationReason.Death,
            TerminationReason.PermanentTotalDisability,
            // PP 37/2021 Pasal 20 ayat (2): a fixed-term contract that ran to its term ended without a PHK.
            TerminationReason.ContractRanToTerm,
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
            if (ParticipationRefusal(command.Participation, bornOn, today, employment.TerminationDate) is { } participation) return participation;
            if (ContractRefusal(command.Contract, employment.TerminationReason, employment.TerminationDate) is { } contract) return contract;
            if (FurtherClaimRefusal(command.EarlierClaims, employment.TerminationDate) is { } further) return further;
            if (ContributionRefusal(command.ContributionMonths, command.Contributions, rules) is { } contributions) return contributions;

            return Decision.Accept(new CaseOpened(
                command.CaseId,
                command.OfficeId,
                command.CounselorId,
                command.Worker,
                employment,
                command.JkpClaimReference,
                command.ContributionMonths,
                now),
                new JkpClaimRecorded(claimedOn, command.Contributions, command.Participation, command.Contract,
                    command.EarlierClaims is { Count: > 0 } earlier ? [.. earlier.OrderBy(c => c.ClaimedOn)] : null));
        }

        /// <summary>
        /// The intake's rules that the stored facts of a claim decide, under <paramref name="rules"/>: what a what-if shows
        /// for a stored case (an older claim, without the facts intakes record since, lacks them and so is not shown as
        /// entitled; its own decision stands). Not re-checked: the age at joining (the birth date is stored encrypted) and
        /// the claim window (the schedule's own).
        /// </summary>
        public static IReadOnlyList<Refusal> EntitlementUnder(BenefitRuleSet rules, JkpClaim claim) =>
        [
            .. new[]
            {
                claim.TerminationReason is { } reason && NonQualifyingReasons.Contains(reason)
                    ? Refusal.NotAllowed("employment.terminationReason", Why.TerminationDoesNotQualify, reason) : null,
                ParticipationRefusal(claim.Participation, null, DateOnly.MaxValue, claim.TerminationDate),
                ContractRefusal(claim.Contract, claim.TerminationReason, claim.TerminationDate),
                FurtherClaimRefusal(claim.EarlierClaims, claim.TerminationDate),
                ContributionRefusal(claim.ContributionMonths ?? int.MaxValue, claim.Contributions, rules),
            }.OfType<Refusal>(),
        ];

        private static Refusal? ParticipationRefusal(Participation? participation, DateOnly? bornOn, DateOnly today, DateOnly phk)
        {
            if (participation is not { } participant) return Refusal.Invalid("participation", Why.ParticipationRequired);
            if (participant.JoinedOn > today) return Refusal.Invalid("participation.joinedOn", Why.JoinedInFuture);
            if (participant.JoinedOn <= bornOn) return Refusal.Invalid("participation.joinedOn", Why.JoinedBeforeBirth);
            if (participant.JoinedOn > phk) return Refusal.Invalid("participation.joinedOn", Why.JoinedAfterPhk, phk);
            if (!participant.IndonesianCitizen)
                return Refusal.NotAllowed("participation.indonesianCitizen", Why.NotAnIndonesianCitizen, IntakeRules.Participants.Source);
            if (bornOn is { } born && WholeYearsBetween(born, participant.JoinedOn) is var ageAtJoining && ageAtJoining >= IntakeRules.MaximumAgeAtJoining)
                return Refusal.NotAllowed("participation.joinedOn", Why.JoinedTooOld, ageAtJoining, IntakeRules.MaximumAgeAtJoining, IntakeRules.Participants.Source);
            if (!participant.EnrolledInJkn)
                return Refusal.NotAllowed("participation.enrolledInJkn", Why.NotEnrolledInJkn, IntakeRules.Participants.Source);
            return null;
        }

        /// <param name="reason">Why the job ended; unknown (null) on a claim stored before the benefit kept it.</param>
        private static Refusal? ContractRefusal(EmploymentContract? ended, TerminationReason? reason, DateOnly terminationDate)
        {
            if (ended is not { } contract) return Refusal.Invalid("employment.contractType", Why.ContractTypeRequired);
            if (contract.Type == EmploymentContractType.Permanent)
                return contract.EndsOn is null ? null : Refusal.Invalid("employment.contractEndsOn", Why.OpenEndedContractHasNoEnd);
            if (contract.EndsOn is not { } endsOn) return Refusal.Invalid("employment.contractEndsOn", Why.FixedTermContractNeedsEnd);
            if (reason == TerminationReason.ContractRanToTerm || terminationDate >= endsOn)
                return Refusal.NotAllowed("employment.contractEndsOn", Why.ContractRanToTerm, endsOn, terminationDate, IntakeRules.FixedTermContracts.Source);
            return null;
        }

        private static Refusal? FurtherClaimRefusal(IReadOnlyList<EarlierJkpClaim>? earlierClaims, DateOnly phk)
        {
            if (earlierClaims is not { Count: > 0 } earlier) return null;
            if (earlier.FirstOrDefault(c => c.ClaimedOn > phk) is { } afterPhk)
                return Refusal.Invalid("earlierClaims", Why.EarlierClaimAfterPhk, afterPhk.ClaimedOn, phk);
            if (earlier.Count >= IntakeRules.MaximumClaims)
                return Refusal.NotAllowed("earlierClaims", Why.ClaimLimitReached, earlier.Count, IntakeRules.MaximumClaims, IntakeRules.FurtherClaims.Source);
            var last = earlier.Max(c => c.ClaimedOn);
            var allowedFrom = last.AddYears(IntakeRules.YearsBetweenClaims);
            return phk < allowedFrom
                ? Refusal.NotAllowed("earlierClaims", Why.TooSoonAfterEarlierClaim, last, IntakeRules.YearsBetweenClaims, allowedFrom, phk, IntakeRules.FurtherClaims.Source)
                : null;
        }

        /// <summary>
        /// The history as the entitlement counts it: months the employer owed right before the PHK, and BPJS Ketenagakerjaan
        /// still pays for (<see cref="IntakeRules.EmployerArrears"/>), count as paid, and consecutive with those before.
        /// </summary>
        public static ContributionHistory CountedForTheClaim(ContributionHistory reported, BenefitRuleSet rules)
        {
            var owed = reported.Arrears is { } arrears && arrears.MonthsUnpaid <= IntakeRules.ArrearsCoveredMonths(rules, arrears.Cause)
                ? arrears.MonthsUnpaid : 0;
            return reported with
            {
                MonthsPaidInLast24Months = Math.Min(rules.ContributionLookbackMonths, reported.MonthsPaidInLast24Months + owed),
                ConsecutiveMonthsBeforeTermination = reported.ConsecutiveMonthsBeforeTermination + owed,
            };
        }

        private static int WholeYearsBetween(DateOnly from, DateOnly to)
        {
            var years = to.Year - from.Year;
            return to < from.AddYears(years) ? years - 1 : years;
        }

        private static Refusal? ContributionRefusal(int contributionMonths, ContributionHistory? contributions, BenefitRuleSet rules)
        {
            // A total alone passes twelve months paid years ago: the history is what PP 37/2021 Pasal 19 decides on.
            if (contributions is not { } reported) return Refusal.Invalid("contributionHistory", Why.ContributionHistoryRequired);
            if (contributionMonths < rules.MinimumMonthsPaid)
                return Refusal.NotAllowed("contributionMonths", Why.TooFewContributions,
                    rules.Quoted(nameof(BenefitRuleSet.ContributionSource)), contributionMonths);
            if (reported.MonthsPaidInLast24Months > contributionMonths)
                return Refusal.Invalid("contributionHistory.monthsPaidInLast24Months",
                    Why.MoreIn24MonthsThanInAll, reported.MonthsPaidInLast24Months, contributionMonths);
            if (reported.ConsecutiveMonthsBeforeTermination > contributionMonths)
                return Refusal.Invalid("contributionHistory.consecutiveMonthsBeforeTermination",
                    Why.MoreConsecutiveThanInAll, reported.ConsecutiveMonthsBeforeTermination, contributionMonths);
            if (reported.Arrears is { } arrears && arrears.MonthsUnpaid > IntakeRules.ArrearsCoveredMonths(rules, arrears.Cause))
                return Refusal.NotAllowed("contributionHistory.arrears.monthsUnpaid", Why.ArrearsNotCovered, arrears.MonthsUnpaid, arrears.Cause,
                    IntakeRules.ArrearsCoveredMonths(rules, arrears.Cause), rules.Id, IntakeRules.EmployerArrears.Source);
            var history = CountedForTheClaim(reported, rules);
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
