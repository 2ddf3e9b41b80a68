using System.Reflection;
using Counseling.Domain.Cases.Benefit;

namespace Counseling.Domain.Cases;

/// <summary>
/// Every reason the domain gives for refusing a command, by a stable code (the field's name; the API's resource key is
/// "Why.{Code}") and its English wording. A new refusal is a new field here and a line in the API's Texts.id.resx:
/// LocalizationTests fails until it has one.
/// </summary>
public static partial class Why
{
    // Shared checks (CaseRules)
    public static readonly Wording CaseClosed = new(nameof(CaseClosed), "The case is closed ({0}): reopen it before {1}.");
    public static readonly Wording InTheFuture = new(nameof(InTheFuture), "{0:yyyy-MM-dd} is in the future.");
    public static readonly Wording BeforeCaseOpened = new(nameof(BeforeCaseOpened), "{0:yyyy-MM-dd} is before the case was opened on {1:yyyy-MM-dd}.");

    // What a closed case must be reopened before ({1} of CaseClosed)
    public static readonly Wording ToLogSession = new(nameof(ToLogSession), "logging a session");
    public static readonly Wording ToRecordAssessment = new(nameof(ToRecordAssessment), "recording an assessment");
    public static readonly Wording ToReferToVacancy = new(nameof(ToReferToVacancy), "referring the worker to a vacancy");
    public static readonly Wording ToRecordReferralOutcome = new(nameof(ToRecordReferralOutcome), "recording a referral outcome");
    public static readonly Wording ToReferToTraining = new(nameof(ToReferToTraining), "referring the worker to training");
    public static readonly Wording ToRecordTrainingOutcome = new(nameof(ToRecordTrainingOutcome), "recording a training outcome");
    public static readonly Wording ToRecordPlacement = new(nameof(ToRecordPlacement), "recording a placement");
    public static readonly Wording ToRecordSelfEmployment = new(nameof(ToRecordSelfEmployment), "recording self-employment");
    public static readonly Wording ToFollowUpPlacement = new(nameof(ToFollowUpPlacement), "following up a placement");
    public static readonly Wording ToWritePlan = new(nameof(ToWritePlan), "writing an employment plan");
    public static readonly Wording ToApprovePlan = new(nameof(ToApprovePlan), "approving its employment plan");
    public static readonly Wording ToReassign = new(nameof(ToReassign), "reassigning it");
    public static readonly Wording ToTransfer = new(nameof(ToTransfer), "transferring it");
    public static readonly Wording ToTakeOver = new(nameof(ToTakeOver), "taking it over");
    public static readonly Wording ToAnswerTransfer = new(nameof(ToAnswerTransfer), "answering its transfer");
    public static readonly Wording ToRecordCommitment = new(nameof(ToRecordCommitment), "recording the job-search commitment");
    public static readonly Wording ToRecordJobSearch = new(nameof(ToRecordJobSearch), "recording job-search activities");
    public static readonly Wording ToRecordClaimApproval = new(nameof(ToRecordClaimApproval), "recording the JKP claim's approval");

    // The case itself
    public static readonly Wording CaseAlreadyOpen = new(nameof(CaseAlreadyOpen), "Case {0} is already open.");
    public static readonly Wording NeedsExistingCase = new(nameof(NeedsExistingCase), "{0} needs an existing case.");

    // Sessions and corrections
    public static readonly Wording SessionInFuture = new(nameof(SessionInFuture), "A session cannot be logged before it is held: heldAt is in the future.");
    public static readonly Wording SessionBeforeCaseOpened = new(nameof(SessionBeforeCaseOpened), "The session is dated before the case was opened on {0:yyyy-MM-dd}.");
    public static readonly Wording FollowUpNotAfterSession = new(nameof(FollowUpNotAfterSession), "The next follow-up must fall after the day of the session.");
    public static readonly Wording NoSuchSession = new(nameof(NoSuchSession), "The case has no session {0}.");
    public static readonly Wording CorrectionChangesNothing = new(nameof(CorrectionChangesNothing), "The correction changes nothing: the session already reads so.");
    public static readonly Wording CorrectedSessionInFuture = new(nameof(CorrectedSessionInFuture), "A session cannot be dated in the future.");
    public static readonly Wording ReferralAlreadyNames = new(nameof(ReferralAlreadyNames), "The referral already names {0}.");
    public static readonly Wording PhoneErased = new(nameof(PhoneErased), "The worker's personal data was erased on {0:yyyy-MM-dd}: there is no phone number to correct.");

    // Referrals
    public static readonly Wording NoSuchJobReferral = new(nameof(NoSuchJobReferral), "The case has no job referral {0}.");
    public static readonly Wording JobReferralEnded = new(nameof(JobReferralEnded), "The job referral to {0} already ended ({1}).");
    public static readonly Wording JobReferralHasOutcome = new(nameof(JobReferralHasOutcome), "The job referral to {0} already has the outcome {1}.");
    public static readonly Wording OutcomeBeforeReferral = new(nameof(OutcomeBeforeReferral), "The outcome is dated before the referral was made ({0:yyyy-MM-dd}).");
    public static readonly Wording TrainingBeforeCaseOpened = new(nameof(TrainingBeforeCaseOpened), "The training starts before the case was opened on {0:yyyy-MM-dd}.");
    public static readonly Wording NoSuchTrainingReferral = new(nameof(NoSuchTrainingReferral), "The case has no training referral {0}.");
    public static readonly Wording TrainingReferralEnded = new(nameof(TrainingReferralEnded), "The training referral to {0} already ended ({1}).");
    public static readonly Wording TrainingHasOutcome = new(nameof(TrainingHasOutcome), "The training {0} is already recorded as {1}.");
    public static readonly Wording CompetencyTestOutcomes = new(nameof(CompetencyTestOutcomes), "A competency test ends as {0} or {1}, not {2}.");
    public static readonly Wording TrainingOutcomes = new(nameof(TrainingOutcomes), "A {0} is {1}, {2} or {3}; {4} is for competency tests.");

    // Placement and self-employment
    public static readonly Wording WageNotPositive = new(nameof(WageNotPositive), "A placement's monthly wage (rupiah) must be positive.");
    public static readonly Wording ReferralEndedWithoutHire = new(nameof(ReferralEndedWithoutHire), "The job referral to {0} ended without a hire ({1}).");
    public static readonly Wording NoPlacementToFollowUp = new(nameof(NoPlacementToFollowUp), "The case has no placement to follow up.");
    public static readonly Wording PlacementAlreadyFollowedUp = new(nameof(PlacementAlreadyFollowedUp), "The placement at {0} was already followed up.");
    public static readonly Wording FollowUpTooEarly = new(nameof(FollowUpTooEarly), "The placement follow-up is made {0} months after the start: on or after {1:yyyy-MM-dd}.");
    public static readonly Wording AlreadyPlaced = new(nameof(AlreadyPlaced), "The worker is already placed at {0}.");
    public static readonly Wording AlreadySelfEmployed = new(nameof(AlreadySelfEmployed), "The worker is already self-employed.");

    // Employment plan
    public static readonly Wording GoalNotAhead = new(nameof(GoalNotAhead), "A goal's target date must lie ahead: {0:yyyy-MM-dd} is not after today.");
    public static readonly Wording ActionBeforeCaseOpened = new(nameof(ActionBeforeCaseOpened), "An action is due on {0:yyyy-MM-dd}, before the case was opened on {1:yyyy-MM-dd}.");
    public static readonly Wording NoPlanToApprove = new(nameof(NoPlanToApprove), "The case has no employment plan to approve.");
    public static readonly Wording PlanVersionNotCurrent = new(nameof(PlanVersionNotCurrent), "Version {0} of the plan is not the current one: version {1} is. Approve the plan as it stands.");
    public static readonly Wording PlanAlreadyApproved = new(nameof(PlanAlreadyApproved), "Version {0} of the plan was already approved by {1}.");
    public static readonly Wording AuthorCannotApprove = new(nameof(AuthorCannotApprove), "{0} wrote version {1} of the plan; its author cannot approve it.");

    // Job search and the JKP benefit
    public static readonly Wording AlreadyCommitted = new(nameof(AlreadyCommitted), "The worker already committed to the job search on {0:yyyy-MM-dd}.");
    public static readonly Wording BeforePhk = new(nameof(BeforePhk), "{0:yyyy-MM-dd} is before the PHK on {1:yyyy-MM-dd}.");
    public static readonly Wording CommitmentFirst = new(nameof(CommitmentFirst), "Record the worker's job-search commitment first: the evidence counts towards it.");
    public static readonly Wording BeforeClaim = new(nameof(BeforeClaim), "{0:yyyy-MM-dd} is before the JKP claim of {1:yyyy-MM-dd}: evidence counts from the claim.");
    public static readonly Wording AfterBenefitPeriod = new(nameof(AfterBenefitPeriod), "{0:yyyy-MM-dd} is after the benefit period, which ended on {1:yyyy-MM-dd}.");
    public static readonly Wording BenefitEnded = new(nameof(BenefitEnded), "The JKP benefit ended on {0:yyyy-MM-dd} ({1}): nothing from then on counts towards it.");

    // Closure
    public static readonly Wording AlreadyClosed = new(nameof(AlreadyClosed), "The case is already closed ({0}).");
    public static readonly Wording ClosedAsPlacedTooSoon = new(nameof(ClosedAsPlacedTooSoon), "The case can be closed as placed only after a placement is recorded.");
    public static readonly Wording ClosedAsSelfEmployedTooSoon = new(nameof(ClosedAsSelfEmployedTooSoon), "The case can be closed as self-employed only after self-employment is recorded.");
    public static readonly Wording BenefitPeriodRunning = new(nameof(BenefitPeriodRunning),
        "The JKP benefit period runs until {0:yyyy-MM-dd} (six months from the claim of {1:yyyy-MM-dd}, {2}): the case can be closed as " +
        "'benefitPeriodEnded' only after that day, or once the benefit has ended otherwise.");
    public static readonly Wording DeathDayRequired = new(nameof(DeathDayRequired),
        "Give the day of death (diedOn) to close the case as 'died': the JKP right lapses from that day (PP 6/2025 Pasal 40).");
    public static readonly Wording DeathDayOnlyWhenDied = new(nameof(DeathDayOnlyWhenDied),
        "A day of death is given only when the case is closed as 'died', not as '{0}'.");
    public static readonly Wording NotClosed = new(nameof(NotClosed), "The case is open: only a closed case can be reopened.");
    public static readonly Wording AlreadyErased = new(nameof(AlreadyErased), "The worker's personal data was already erased on {0:yyyy-MM-dd}.");
    public static readonly Wording ErasureAlreadyRequested = new(nameof(ErasureAlreadyRequested),
        "Erasure request {0} was taken in on {1:yyyy-MM-dd} by {2} and awaits another administrator's approval.");
    public static readonly Wording NoErasureRequested = new(nameof(NoErasureRequested), "No erasure request awaits approval on this case.");
    public static readonly Wording OtherErasureRequested = new(nameof(OtherErasureRequested),
        "The erasure request awaiting approval is {0}, not {1}.");
    public static readonly Wording ErasureNeedsSecondPerson = new(nameof(ErasureNeedsSecondPerson),
        "{0} took in erasure request {1}: another administrator approves it (an erasure cannot be undone, so no one person carries it out).");

    // Reassignment and transfers
    public static readonly Wording NoSuchCounselor = new(nameof(NoSuchCounselor), "There is no registered counselor {0}.");
    public static readonly Wording ReassignWithinOffice = new(nameof(ReassignWithinOffice), "{0} works at office {1}: a case is reassigned within its office ({2}).");
    public static readonly Wording AlreadyAssigned = new(nameof(AlreadyAssigned), "The case is already assigned to {0}.");
    public static readonly Wording NoSuchOffice = new(nameof(NoSuchOffice), "There is no office {0}.");
    public static readonly Wording TransferToSameOffice = new(nameof(TransferToSameOffice), "The case is already at office {0}: a transfer goes to another office.");
    public static readonly Wording TransferPending = new(nameof(TransferPending), "A transfer to office {0} requested on {1:yyyy-MM-dd} awaits its answer.");
    public static readonly Wording NoTransferPending = new(nameof(NoTransferPending), "The case has no transfer awaiting an answer.");
    public static readonly Wording TransferToCertifiedCounselor = new(nameof(TransferToCertifiedCounselor), "The case goes to a certified counselor of office {0}: {1}");

    // Who may record on a case (CounselorOnRecord)
    public static readonly Wording CounselorAtOtherOffice = new(nameof(CounselorAtOtherOffice), "{0} is registered at office {1}, not {2}.");
    public static readonly Wording NoCertificate = new(nameof(NoCertificate), "{0} has no counselor certificate on record.");
    public static readonly Wording CertificateNotYetValid = new(nameof(CertificateNotYetValid), "Certificate {0} is valid only from {1:yyyy-MM-dd}.");
    public static readonly Wording CertificateExpired = new(nameof(CertificateExpired),
        "Certificate {0} expired on {1:yyyy-MM-dd}: only a certified counselor may record sessions and outcomes.");
    public static readonly Wording NotACounselor = new(nameof(NotACounselor), "{0} is not registered as a counselor.");

    /// <summary>
    /// Every wording of this class (its parts beside each step's decision too), and the rule sets' titles and sources
    /// that refusals quote. Built on first use: the fields of a partial class are initialised in no set order.
    /// </summary>
    public static IReadOnlyList<Wording> All => all ??=
    [
        .. typeof(Why).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(Wording)).Select(f => (Wording)f.GetValue(null)!),
        .. BenefitRuleSets.All.SelectMany(r => r.QuotedWordings()),
    ];

    private static IReadOnlyList<Wording>? all;
}
