using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Corrections;
using Counseling.Domain.Cases.Plans;
using Counseling.Domain.Cases.Transfers;

namespace Counseling.Api.Audit.History;

/// <summary>Each kind of event told as one sentence. Personal data stays out: no NIK, no phone number.</summary>
public static class JourneyNarrative
{
    public static string Describe(object @event) => @event switch
    {
        CaseOpened e => $"Case opened at office {e.OfficeId} for counselor {e.CounselorId}: JKP claim {e.JkpClaimReference}, " +
                        $"{e.Employment.LastPosition} at {e.Employment.Employer} until {e.Employment.TerminationDate:yyyy-MM-dd} " +
                        $"({e.Employment.TerminationReason}), {e.ContributionMonths} months of contributions.",
        CounselingSessionLogged e => $"Counseling session ({e.Mode}, {e.DurationMinutes} min) on {e.HeldAt.ToOffset(Wib.Offset):yyyy-MM-dd HH:mm} WIB " +
                                     $"covering {string.Join(", ", e.Topics)}" +
                                     (e.NextFollowUpOn is { } next ? $"; next follow-up {next:yyyy-MM-dd}." : "."),
        SelfAssessmentRecorded e => $"Self-assessment on {e.AssessedOn:yyyy-MM-dd}: {e.Readiness}, education {e.EducationLevel}" +
                                    (e.RecommendedOccupations.Count > 0 ? $", recommended KBJI {string.Join(", ", e.RecommendedOccupations)}." : "."),
        JobReferralMade e => $"Referred on {e.ReferredOn:yyyy-MM-dd} to {e.Position} at {e.Employer} (vacancy {e.VacancyReference}).",
        JobReferralOutcomeRecorded e => $"Job referral {e.ReferralId}: {e.Outcome} on {e.On:yyyy-MM-dd}.",
        TrainingReferralMade e => $"Referred on {e.ReferredOn:yyyy-MM-dd} to {e.Kind} '{e.Programme}' at {e.Provider}, starting {e.StartsOn:yyyy-MM-dd}.",
        TrainingReferralOutcomeRecorded e => $"Training referral {e.ReferralId}: {e.Outcome} on {e.On:yyyy-MM-dd}.",
        WorkerPlaced e => $"Placed as {e.Position} at {e.Employer} from {e.StartsOn:yyyy-MM-dd} ({e.ContractType}, Rp{e.MonthlyWageRupiah:N0} a month)" +
                          (e.JobReferralId is { } referral ? $", through job referral {referral}." : "."),
        PlacementFollowedUp e => $"Placement followed up on {e.On:yyyy-MM-dd}: " + (e.StillEmployed ? "still employed." : "no longer employed."),
        SelfEmploymentStarted e => $"Started self-employment ({e.BusinessType}) on {e.StartsOn:yyyy-MM-dd}.",
        CaseClosed e => $"Case closed on {e.On:yyyy-MM-dd}: {e.Reason}.",
        CaseReopened e => $"Case reopened on {e.On:yyyy-MM-dd}: {e.Reason}",
        CaseReassigned e => $"Case reassigned on {e.On:yyyy-MM-dd} from {e.FromCounselorId} to {e.ToCounselorId}: {e.Reason}",
        EmploymentPlanWritten e => e.Version == 1
            ? $"Employment plan drafted by {e.WrittenBy} on {e.On:yyyy-MM-dd}: {e.Goals.Count} goal(s), {e.Actions.Count} action(s)."
            : $"Employment plan revised by {e.WrittenBy} on {e.On:yyyy-MM-dd} (version {e.Version}): {e.Goals.Count} goal(s), {e.Actions.Count} action(s).",
        EmploymentPlanApproved e => $"Employment plan version {e.Version} approved by {e.ApprovedBy} on {e.On:yyyy-MM-dd}.",
        CaseTransferRequested e => $"Transfer from office {e.FromOfficeId} to office {e.ToOfficeId} requested by {e.RequestedBy} on {e.On:yyyy-MM-dd}.",
        CaseTransferAccepted e => $"Transfer to office {e.ToOfficeId} accepted by {e.AcceptedBy} on {e.On:yyyy-MM-dd}: the case goes from {e.FromCounselorId} to {e.ToCounselorId}.",
        CaseTransferDeclined e => $"Transfer to office {e.ToOfficeId} declined by {e.DeclinedBy} on {e.On:yyyy-MM-dd}.",
        SessionCorrected e => $"Session {e.SessionId} corrected on {e.On:yyyy-MM-dd}: held {e.HeldAt.ToOffset(Wib.Offset):yyyy-MM-dd HH:mm} WIB, {e.DurationMinutes} min.",
        JobReferralCorrected e => $"Job referral {e.ReferralId} corrected on {e.On:yyyy-MM-dd}: the employer is {e.Employer}.",
        WorkerPhoneCorrected e => $"The worker's phone number was corrected on {e.On:yyyy-MM-dd}.",
        _ => $"{@event.GetType().Name} recorded.",
    };
}
