namespace Counseling.Domain.Cases.Assessments;

public sealed record RecordSelfAssessment(
    Guid AssessmentId,
    DateOnly AssessedOn,
    EducationLevel EducationLevel,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> Interests,
    string WorkPreferences,
    IReadOnlyList<string> RecommendedOccupations,
    Readiness Readiness) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Record(this, now);
}

internal static class SelfAssessments
{
    /// <summary>Records an asesmen diri. A case may be re-assessed: the latest readiness counts.</summary>
    internal static Decision Record(this CounselingCase current, RecordSelfAssessment command, DateTimeOffset now) =>
        CaseRules.FirstRefusalOr(
            new SelfAssessmentRecorded(
                command.AssessmentId,
                command.AssessedOn,
                command.EducationLevel,
                command.Skills,
                command.Interests,
                command.WorkPreferences,
                command.RecommendedOccupations,
                command.Readiness),
            current.MustBeOpen(Why.ToRecordAssessment),
            current.MustHaveHappened(command.AssessedOn, "assessedOn", now));
}
