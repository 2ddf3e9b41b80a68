using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Corrections;
using Counseling.Domain.Cases.Plans;
using Counseling.Domain.Cases.Transfers;

namespace Counseling.Api.PersonalData;

/// <summary>
/// The one list of what is personal in the events: every field that identifies or contacts the worker, and every
/// free-text field (notes and reasons often name people and places). <see cref="Map"/> applies one function to those
/// fields, to encrypt them before an append and to reveal them where a person reads. Anything not listed stays in
/// clear for statistics and decisions: stages, dates, outcomes, codes, employers, positions, wages (docs/personal-data.md).
/// </summary>
public static class SensitiveFields
{
    public static bool AreIn(object @event) => @event is CaseOpened or CounselingSessionLogged or SelfAssessmentRecorded
        or PlacementFollowedUp or CaseClosed or CaseReopened or CaseReassigned
        or EmploymentPlanWritten or CaseTransferRequested or CaseTransferDeclined
        or SessionCorrected or JobReferralCorrected or WorkerPhoneCorrected;

    public static object Map(object value, Func<string, string> map)
    {
        // Older events may lack a field a newer shape has: a missing value stays missing.
        string Each(string? text) => text is null ? null! : map(text);

        return value switch
        {
            WorkerDetails worker => new WorkerDetails(
                Each(worker.Nik), Each(worker.FullName), Each(worker.BirthDate), Each(worker.Phone), Each(worker.BpjsMembershipNumber)),
            // The JKP claim reference is BPJS Ketenagakerjaan's handle on the worker's claim: it identifies them.
            CaseOpened e => e with { Worker = (WorkerDetails)Map(e.Worker, map), JkpClaimReference = Each(e.JkpClaimReference) },
            CounselingSessionLogged e => e with { Notes = Each(e.Notes) },
            SelfAssessmentRecorded e => e with
            {
                Skills = e.Skills is null ? null! : [.. e.Skills.Select(Each)],
                Interests = e.Interests is null ? null! : [.. e.Interests.Select(Each)],
                WorkPreferences = Each(e.WorkPreferences),
            },
            PlacementFollowedUp e => e with { Notes = Each(e.Notes) },
            CaseClosed e => e with { Notes = Each(e.Notes) },
            CaseReopened e => e with { Reason = Each(e.Reason) },
            CaseReassigned e => e with { Reason = Each(e.Reason) },
            // What a plan asks of the worker often names them, their family or where they go.
            EmploymentPlanWritten e => e with
            {
                Actions = e.Actions is null ? null! : [.. e.Actions.Select(a => a with { What = Each(a.What) })],
            },
            CaseTransferRequested e => e with { Reason = Each(e.Reason) },
            CaseTransferDeclined e => e with { Reason = Each(e.Reason) },
            SessionCorrected e => e with { Reason = Each(e.Reason) },
            JobReferralCorrected e => e with { Reason = Each(e.Reason) },
            WorkerPhoneCorrected e => e with { Phone = Each(e.Phone), Reason = Each(e.Reason) },
            _ => value,
        };
    }

    public static object Protect(object @event, CaseKey key) => Map(@event, value => PersonalDataProtection.Protect(value, key));

    /// <summary>An event as a person reads it: personal fields decrypted, or "[erased]" once the case's key is gone.</summary>
    public static object Reveal(object @event, CaseKey? key) => Map(@event, value => PersonalDataProtection.Reveal(value, key));
}
