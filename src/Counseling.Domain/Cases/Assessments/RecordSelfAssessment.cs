using Counseling.Domain.Cases.Assessments;

// The step's events are declared in Counseling.Domain.Cases, the namespace they were stored under; its command and
// decision below.

namespace Counseling.Domain.Cases
{
    /// <summary>The worker's self-assessment (asesmen diri) was recorded; a case may be re-assessed.</summary>
    public sealed record SelfAssessmentRecorded(
        Guid AssessmentId,
        DateOnly AssessedOn,
        EducationLevel EducationLevel,
        [property: PersonalData] IReadOnlyList<string> Skills,
        [property: PersonalData] IReadOnlyList<string> Interests,
        [property: PersonalData] string WorkPreferences,
        IReadOnlyList<string> RecommendedOccupations,
        Readiness Readiness) : ICaseEvent, INarrated
    {
        public CounselingCase Apply(CounselingCase current) => current with { Readiness = Readiness };

        public Narration Narrate() => Narration.Of("Narrative.SelfAssessment", AssessedOn, Readiness, EducationLevel)
            .ThenOrStop(RecommendedOccupations.Count > 0, "Narrative.RecommendedOccupations", string.Join(", ", RecommendedOccupations));
    }
}

namespace Counseling.Domain.Cases.Assessments
{
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
}
