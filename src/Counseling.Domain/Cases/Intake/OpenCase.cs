namespace Counseling.Domain.Cases.Intake;

public sealed record OpenCase(
    Guid CaseId,
    string OfficeId,
    string CounselorId,
    WorkerDetails Worker,
    EndedEmployment Employment,
    string JkpClaimReference,
    int ContributionMonths);

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

    /// <summary>PP 6/2025: a JKP claim needs at least six months of paid contributions.</summary>
    public const int MinimumContributionMonths = 6;

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
        if (command.ContributionMonths < MinimumContributionMonths)
            return Refusal.NotAllowed(
                $"JKP needs at least {MinimumContributionMonths} months of contributions; the claim shows {command.ContributionMonths}.",
                "contributionMonths");

        return Decision.Accept(new CaseOpened(
            command.CaseId,
            command.OfficeId,
            command.CounselorId,
            command.Worker,
            employment,
            command.JkpClaimReference,
            command.ContributionMonths,
            now));
    }
}
