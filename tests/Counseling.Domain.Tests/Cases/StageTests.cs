using Counseling.Domain.Cases;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

public class StageTests
{
    [Fact]
    public void A_new_case_is_at_intake_and_sessions_alone_do_not_move_it()
    {
        var current = OpenedCase();
        current.Stage.Should().Be(CaseStage.Intake);

        current.After(new CounselingSessionLogged(Guid.NewGuid(), Now.AddHours(-1), SessionMode.InPerson, 45, [SessionTopic.Other], "", null))
            .Stage.Should().Be(CaseStage.Intake);
    }

    [Fact]
    public void A_worker_s_journey_goes_from_intake_through_assessment_job_search_and_training_to_placement_and_closure()
    {
        var job = JobReferred();
        var course = TrainingReferred(TrainingKind.Course);
        var placed = Placed(jobReferralId: job.ReferralId);

        var stages = new List<CaseStage>();
        var current = OpenedCase();
        foreach (var @event in new object[]
                 {
                     Assessed(Readiness.NeedsTraining),
                     course,
                     TrainingOutcomeFor(course.ReferralId, TrainingOutcome.Started),
                     TrainingOutcomeFor(course.ReferralId, TrainingOutcome.Completed),
                     job,
                     JobOutcomeFor(job.ReferralId, JobReferralOutcome.Hired),
                     placed,
                     Closed(ClosureReason.Placed),
                     new CaseReopened("Perlu pendampingan.", Today),
                 })
        {
            current = current.After(@event);
            stages.Add(current.Stage);
        }

        stages.Should().Equal(
            CaseStage.Assessment,
            CaseStage.Training,
            CaseStage.Training,
            CaseStage.JobSearch,
            CaseStage.JobSearch,
            CaseStage.JobSearch,
            CaseStage.Placed,
            CaseStage.Closed,
            CaseStage.Placed);
    }

    [Fact]
    public void An_open_training_referral_puts_the_case_in_training_even_with_job_referrals()
    {
        var current = OpenedCase().After(JobReferred(), TrainingReferred(TrainingKind.CompetencyTest));

        current.Stage.Should().Be(CaseStage.Training);
    }

    [Theory]
    [InlineData(TrainingKind.Course, TrainingOutcome.DroppedOut)]
    [InlineData(TrainingKind.CompetencyTest, TrainingOutcome.NotYetCompetent)]
    [InlineData(TrainingKind.CompetencyTest, TrainingOutcome.CertifiedCompetent)]
    public void A_case_whose_training_ended_is_back_to_job_search(TrainingKind kind, TrainingOutcome outcome)
    {
        var training = TrainingReferred(kind);

        OpenedCase().After(training, TrainingOutcomeFor(training.ReferralId, outcome)).Stage.Should().Be(CaseStage.JobSearch);
    }

    [Fact]
    public void A_placement_outranks_open_referrals()
    {
        OpenedCase().After(JobReferred(), TrainingReferred(), Placed()).Stage.Should().Be(CaseStage.Placed);
    }

    [Fact]
    public void Self_employment_outranks_open_referrals()
    {
        OpenedCase().After(JobReferred(), TrainingReferred(), SelfEmployed()).Stage.Should().Be(CaseStage.SelfEmployed);
    }

    [Fact]
    public void A_placement_still_held_at_the_follow_up_stays_placed()
    {
        var placed = Placed(startsOn: new DateOnly(2026, 8, 1));

        var current = OpenedCase(Now.AddMonths(-6)).After(JobReferred(), placed, FollowedUp(placed, stillEmployed: true));

        current.IsPlaced.Should().BeTrue();
        current.Stage.Should().Be(CaseStage.Placed);
    }

    [Fact]
    public void A_placement_the_worker_lost_by_the_follow_up_no_longer_counts_as_placed()
    {
        var placed = Placed(startsOn: new DateOnly(2026, 8, 1));

        var current = OpenedCase(Now.AddMonths(-6)).After(Assessed(), JobReferred(), placed, FollowedUp(placed, stillEmployed: false));

        current.IsPlaced.Should().BeFalse();
        current.Placement.Should().NotBeNull();
        current.Stage.Should().Be(CaseStage.JobSearch);
    }

    [Fact]
    public void A_closed_case_is_closed_whatever_else_it_holds()
    {
        OpenedCase().After(Assessed(), TrainingReferred(), SelfEmployed(), Closed(ClosureReason.SelfEmployed))
            .Stage.Should().Be(CaseStage.Closed);
    }

    [Fact]
    public void A_reopened_case_without_other_progress_is_back_at_intake()
    {
        OpenedCase().After(Closed(ClosureReason.Withdrew), new CaseReopened("Salah tutup.", Today)).Stage.Should().Be(CaseStage.Intake);
    }

    [Fact]
    public void Events_the_case_does_not_track_leave_its_state_as_it_was()
    {
        var current = OpenedCase().After(Assessed());

        CounselingCase.Evolve(current, new { Unrelated = true }).Should().BeSameAs(current);
    }

    [Fact]
    public void Nothing_but_the_opening_of_a_case_starts_one()
    {
        CounselingCase.Evolve(null, Assessed()).Should().BeNull();
    }
}
