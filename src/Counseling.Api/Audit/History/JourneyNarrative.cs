using Counseling.Domain.Cases;

namespace Counseling.Api.Audit.History;

/// <summary>
/// Each kind of event told as one sentence, from the events as revealed to the reader (reasons read "[erased]" after an
/// erasure). The worker's identity and the notes stay out: no NIK, name, phone number or note text.
/// </summary>
public static class JourneyNarrative
{
    public static string Describe(object @event) => @event switch
    {
        CaseOpened e => $"Case opened at office {e.OfficeId} for counselor {e.CounselorId}: JKP claim {e.JkpClaimReference}, " +
                        $"{e.Employment.LastPosition} at {e.Employment.Employer} until {e.Employment.TerminationDate:yyyy-MM-dd} " +
                        $"({e.Employment.TerminationReason}), {e.ContributionMonths} months of contributions.",
        JkpClaimRecorded e => $"JKP claimed on {e.ClaimedOn:yyyy-MM-dd}" +
                              (e.Contributions is { } c
                                  ? $": {c.MonthsPaidInLast24Months} months of contributions within 24, {c.ConsecutiveMonthsBeforeTermination} consecutive before the PHK."
                                  : "."),
        JobSearchCommitmentMade e => $"The worker committed to an active job search on {e.CommittedOn:yyyy-MM-dd}.",
        JobSearchActivityRecorded e => $"Job search on {e.On:yyyy-MM-dd}: {e.Kind}" +
                                       (e.Employer is { } employer ? $" at {employer}" : "") +
                                       (e.Programme is { } programme ? $" in '{programme}'" : "") +
                                       (e.AttendancePercent is { } percent ? $", {percent}% attendance." : "."),
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
        _ => $"{@event.GetType().Name} recorded.",
    };
}
