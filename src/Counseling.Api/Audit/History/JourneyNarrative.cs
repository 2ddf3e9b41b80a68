using Counseling.Api.Localization;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Corrections;
using Counseling.Domain.Cases.Plans;
using Counseling.Domain.Cases.Transfers;

namespace Counseling.Api.Audit.History;

/// <summary>
/// Each kind of event told as one sentence, in the reader's language (Localization/Texts*.resx), enum values as words,
/// from the events as revealed to the reader (reasons read "[erased]" after an erasure). The worker's identity and the
/// notes stay out: no NIK, name, phone number or note text.
/// </summary>
public static class JourneyNarrative
{
    public static string Describe(object @event) => @event switch
    {
        CaseOpened e => Texts.Format("Narrative.CaseOpened", e.OfficeId, e.CounselorId, e.JkpClaimReference, e.Employment.LastPosition,
            e.Employment.Employer, Day(e.Employment.TerminationDate), Texts.Word(e.Employment.TerminationReason), e.ContributionMonths),
        JkpClaimRecorded e => Texts.Format("Narrative.JkpClaimRecorded", Day(e.ClaimedOn)) +
                              (e.Contributions is { } c
                                  ? Texts.Format("Narrative.JkpClaimContributions", c.MonthsPaidInLast24Months, c.ConsecutiveMonthsBeforeTermination)
                                  : "."),
        JobSearchCommitmentMade e => Texts.Format("Narrative.JobSearchCommitment", Day(e.CommittedOn)),
        JobSearchActivityRecorded e => Texts.Format("Narrative.JobSearchActivity", Day(e.On), Texts.Word(e.Kind)) +
                                       (e.Employer is { } employer ? Texts.Format("Narrative.AtEmployer", employer) : "") +
                                       (e.Programme is { } programme ? Texts.Format("Narrative.InProgramme", programme) : "") +
                                       (e.AttendancePercent is { } percent ? Texts.Format("Narrative.Attendance", percent) : "."),
        CounselingSessionLogged e => Texts.Format("Narrative.SessionLogged", Texts.Word(e.Mode), e.DurationMinutes,
                                         e.HeldAt.ToOffset(Wib.Offset).ToString("yyyy-MM-dd HH:mm"), Texts.Words(e.Topics)) +
                                     (e.NextFollowUpOn is { } next ? Texts.Format("Narrative.NextFollowUp", Day(next)) : "."),
        SelfAssessmentRecorded e => Texts.Format("Narrative.SelfAssessment", Day(e.AssessedOn), Texts.Word(e.Readiness), Texts.Word(e.EducationLevel)) +
                                    (e.RecommendedOccupations.Count > 0
                                        ? Texts.Format("Narrative.RecommendedOccupations", string.Join(", ", e.RecommendedOccupations))
                                        : "."),
        JobReferralMade e => Texts.Format("Narrative.JobReferral", Day(e.ReferredOn), e.Position, e.Employer, e.VacancyReference),
        JobReferralOutcomeRecorded e => Texts.Format("Narrative.JobReferralOutcome", e.ReferralId, Texts.Word(e.Outcome), Day(e.On)),
        TrainingReferralMade e => Texts.Format("Narrative.TrainingReferral", Day(e.ReferredOn), Texts.Word(e.Kind), e.Programme, e.Provider, Day(e.StartsOn)),
        TrainingReferralOutcomeRecorded e => Texts.Format("Narrative.TrainingReferralOutcome", e.ReferralId, Texts.Word(e.Outcome), Day(e.On)),
        WorkerPlaced e => Texts.Format("Narrative.Placed", e.Position, e.Employer, Day(e.StartsOn), Texts.Word(e.ContractType), e.MonthlyWageRupiah) +
                          (e.JobReferralId is { } referral ? Texts.Format("Narrative.ThroughReferral", referral) : "."),
        PlacementFollowedUp e => Texts.Format("Narrative.PlacementFollowedUp", Day(e.On),
            Texts.Get(e.StillEmployed ? "Narrative.StillEmployed" : "Narrative.NoLongerEmployed")),
        SelfEmploymentStarted e => Texts.Format("Narrative.SelfEmployment", e.BusinessType, Day(e.StartsOn)),
        CaseClosed e => Texts.Format("Narrative.Closed", Day(e.On), Texts.Word(e.Reason)),
        CaseReopened e => Texts.Format("Narrative.Reopened", Day(e.On), e.Reason),
        CaseReassigned e => Texts.Format("Narrative.Reassigned", Day(e.On), e.FromCounselorId, e.ToCounselorId, e.Reason),
        EmploymentPlanWritten e => e.Version == 1
            ? Texts.Format("Narrative.PlanDrafted", e.WrittenBy, Day(e.On), e.Goals.Count, e.Actions.Count)
            : Texts.Format("Narrative.PlanRevised", e.WrittenBy, Day(e.On), e.Version, e.Goals.Count, e.Actions.Count),
        EmploymentPlanApproved e => Texts.Format("Narrative.PlanApproved", e.Version, e.ApprovedBy, Day(e.On)),
        CaseTransferRequested e => Texts.Format("Narrative.TransferRequested", e.FromOfficeId, e.ToOfficeId, e.RequestedBy, Day(e.On)),
        CaseTransferAccepted e => Texts.Format("Narrative.TransferAccepted", e.ToOfficeId, e.AcceptedBy, Day(e.On), e.FromCounselorId, e.ToCounselorId),
        CaseTransferDeclined e => Texts.Format("Narrative.TransferDeclined", e.ToOfficeId, e.DeclinedBy, Day(e.On)),
        SessionCorrected e => Texts.Format("Narrative.SessionCorrected", e.SessionId, Day(e.On), e.HeldAt.ToOffset(Wib.Offset).ToString("yyyy-MM-dd HH:mm"), e.DurationMinutes),
        JobReferralCorrected e => Texts.Format("Narrative.JobReferralCorrected", e.ReferralId, Day(e.On), e.Employer),
        WorkerPhoneCorrected e => Texts.Format("Narrative.PhoneCorrected", Day(e.On)),
        _ => Texts.Format("Narrative.Other", @event.GetType().Name),
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");
}
