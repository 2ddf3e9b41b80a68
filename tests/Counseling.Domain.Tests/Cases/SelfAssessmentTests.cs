using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Assessments;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

public class SelfAssessmentTests
{
    private static RecordSelfAssessment Assessment(DateOnly assessedOn, Readiness readiness = Readiness.NeedsTraining) =>
        new(Guid.NewGuid(), assessedOn, EducationLevel.VocationalHighSchool,
            ["injection moulding", "quality control"], ["manufacturing", "logistics"],
            "Shift work within Bekasi regency", ["Machine operator", "Warehouse staff"], readiness);

    [Fact]
    public void Recording_an_assessment_records_the_answers_and_moves_the_case_to_assessment()
    {
        var current = OpenedCase();
        var command = Assessment(Today.AddDays(-1));

        var recorded = current.Decide(command, Now).ShouldAccept(new SelfAssessmentRecorded(
            command.AssessmentId, command.AssessedOn, EducationLevel.VocationalHighSchool,
            ["injection moulding", "quality control"], ["manufacturing", "logistics"],
            "Shift work within Bekasi regency", ["Machine operator", "Warehouse staff"], Readiness.NeedsTraining));

        var next = current.After(recorded);
        next.Readiness.Should().Be(Readiness.NeedsTraining);
        next.Stage.Should().Be(CaseStage.Assessment);
    }

    [Fact]
    public void A_re_assessment_replaces_the_earlier_readiness()
    {
        var current = OpenedCase().After(Assessed(Readiness.NeedsTraining));

        var recorded = current.Decide(Assessment(Today, Readiness.ConsideringSelfEmployment), Now).Events.Single();

        current.After(recorded).Readiness.Should().Be(Readiness.ConsideringSelfEmployment);
    }

    [Fact]
    public void An_assessment_may_be_dated_today_or_on_the_day_the_case_was_opened()
    {
        var current = OpenedCase();

        current.Decide(Assessment(Today), Now).IsRefused.Should().BeFalse();
        current.Decide(Assessment(current.OpenedOn), Now).IsRefused.Should().BeFalse();
    }

    [Fact]
    public void An_assessment_dated_in_the_future_is_invalid()
    {
        var decision = OpenedCase().Decide(Assessment(Today.AddDays(1)), Now);

        decision.ShouldRefuse(RefusalKind.InvalidInput, "assessedOn").Reason.Should().Contain("future");
    }

    [Fact]
    public void An_assessment_dated_before_the_case_was_opened_is_invalid()
    {
        var current = OpenedCase();

        var decision = current.Decide(Assessment(current.OpenedOn.AddDays(-1)), Now);

        decision.ShouldRefuse(RefusalKind.InvalidInput, "assessedOn").Reason.Should().Contain("before the case was opened");
    }

    [Fact]
    public void The_date_of_today_is_the_office_date_in_Western_Indonesian_Time()
    {
        // 20:00 UTC on 23 November is already 03:00 on 24 November in Bekasi.
        var now = new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero);
        var current = OpenedCase();

        current.Decide(Assessment(new DateOnly(2026, 11, 24)), now).IsRefused.Should().BeFalse();
        current.Decide(Assessment(new DateOnly(2026, 11, 25)), now).ShouldRefuse(RefusalKind.InvalidInput, "assessedOn");
    }
}
