using Counseling.Domain.Cases;
using Counseling.Domain.Cases.TrainingReferrals;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

public class TrainingReferralTests
{
    private static ReferToTraining Referral(DateOnly startsOn, TrainingKind kind = TrainingKind.Course) =>
        new(Guid.NewGuid(), "BLK Bekasi", "Operator Mesin CNC", kind, startsOn);

    private static RecordTrainingOutcome Outcome(TrainingReferralMade referral, TrainingOutcome outcome, DateOnly? on = null) =>
        new(referral.ReferralId, outcome, on ?? Today);

    [Fact]
    public void Referring_the_worker_to_training_records_an_open_referral_made_today_and_moves_the_case_to_training()
    {
        var current = OpenedCase().After(Assessed(Readiness.NeedsTraining));
        var command = Referral(Today.AddDays(14), TrainingKind.Apprenticeship);

        var made = current.Decide(command, Now).ShouldAccept(new TrainingReferralMade(
            command.ReferralId, "BLK Bekasi", "Operator Mesin CNC", TrainingKind.Apprenticeship, Today.AddDays(14), Today));

        var next = current.After(made);
        next.TrainingReferrals.Should().Equal(new TrainingReferral(
            command.ReferralId, "BLK Bekasi", "Operator Mesin CNC", TrainingKind.Apprenticeship, Today.AddDays(14), Today, null));
        next.Stage.Should().Be(CaseStage.Training);
    }

    [Fact]
    public void The_referral_is_dated_with_the_office_date_in_Western_Indonesian_Time()
    {
        // 20:00 UTC on 23 November is already 24 November in Bekasi.
        var now = new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero);

        var made = (TrainingReferralMade)OpenedCase().Decide(Referral(Today), now).Events.Single();

        made.ReferredOn.Should().Be(new DateOnly(2026, 11, 24));
    }

    [Fact]
    public void Training_may_start_on_the_day_the_case_was_opened()
    {
        var current = OpenedCase();

        current.Decide(Referral(current.OpenedOn), Now).IsRefused.Should().BeFalse();
    }

    [Fact]
    public void Training_that_starts_before_the_case_was_opened_is_invalid()
    {
        var current = OpenedCase();

        current.Decide(Referral(current.OpenedOn.AddDays(-1)), Now).ShouldRefuse(RefusalKind.InvalidInput, "startsOn");
    }

    [Fact]
    public void A_started_course_stays_open_and_a_completed_one_ends_the_training_stage()
    {
        var referral = TrainingReferred(TrainingKind.Course);
        var current = OpenedCase().After(referral);

        var started = current.Decide(Outcome(referral, TrainingOutcome.Started, Today.AddDays(-4)), Now)
            .ShouldAccept(new TrainingReferralOutcomeRecorded(referral.ReferralId, TrainingOutcome.Started, Today.AddDays(-4)));
        var training = current.After(started);
        training.TrainingReferrals.Single().Outcome.Should().Be(TrainingOutcome.Started);
        training.TrainingReferrals.Single().IsOpen.Should().BeTrue();
        training.Stage.Should().Be(CaseStage.Training);

        var completed = training.Decide(Outcome(referral, TrainingOutcome.Completed), Now)
            .ShouldAccept(new TrainingReferralOutcomeRecorded(referral.ReferralId, TrainingOutcome.Completed, Today));
        var done = training.After(completed);
        done.TrainingReferrals.Single().Outcome.Should().Be(TrainingOutcome.Completed);
        done.TrainingReferrals.Single().IsOpen.Should().BeFalse();
        done.Stage.Should().Be(CaseStage.JobSearch);
    }

    [Theory]
    [InlineData(TrainingKind.Course, TrainingOutcome.Completed)]
    [InlineData(TrainingKind.Course, TrainingOutcome.DroppedOut)]
    [InlineData(TrainingKind.Apprenticeship, TrainingOutcome.Completed)]
    [InlineData(TrainingKind.Apprenticeship, TrainingOutcome.DroppedOut)]
    [InlineData(TrainingKind.CompetencyTest, TrainingOutcome.CertifiedCompetent)]
    [InlineData(TrainingKind.CompetencyTest, TrainingOutcome.NotYetCompetent)]
    public void A_final_outcome_that_fits_the_kind_of_training_ends_the_referral(TrainingKind kind, TrainingOutcome outcome)
    {
        var referral = TrainingReferred(kind);
        var current = OpenedCase().After(referral);

        var recorded = current.Decide(Outcome(referral, outcome), Now)
            .ShouldAccept(new TrainingReferralOutcomeRecorded(referral.ReferralId, outcome, Today));

        current.After(recorded).TrainingReferrals.Single().IsOpen.Should().BeFalse();
    }

    [Theory]
    [InlineData(TrainingKind.Course, TrainingOutcome.CertifiedCompetent)]
    [InlineData(TrainingKind.Course, TrainingOutcome.NotYetCompetent)]
    [InlineData(TrainingKind.Apprenticeship, TrainingOutcome.CertifiedCompetent)]
    [InlineData(TrainingKind.Apprenticeship, TrainingOutcome.NotYetCompetent)]
    [InlineData(TrainingKind.CompetencyTest, TrainingOutcome.Started)]
    [InlineData(TrainingKind.CompetencyTest, TrainingOutcome.Completed)]
    [InlineData(TrainingKind.CompetencyTest, TrainingOutcome.DroppedOut)]
    public void An_outcome_that_does_not_fit_the_kind_of_training_is_not_allowed(TrainingKind kind, TrainingOutcome outcome)
    {
        var referral = TrainingReferred(kind);
        var current = OpenedCase().After(referral);

        current.Decide(Outcome(referral, outcome), Now)
            .ShouldRefuse(RefusalKind.NotAllowed, "outcome").Reason.Should().Contain(outcome.ToString());
    }

    [Fact]
    public void An_outcome_for_a_training_referral_the_case_does_not_have_is_not_found()
    {
        var current = OpenedCase().After(TrainingReferred());

        current.Decide(new RecordTrainingOutcome(Guid.NewGuid(), TrainingOutcome.Completed, Today), Now)
            .ShouldRefuse(RefusalKind.NotFound, "referralId");
    }

    [Fact]
    public void A_job_referral_is_not_a_training_referral()
    {
        var job = JobReferred();
        var current = OpenedCase().After(job);

        current.Decide(new RecordTrainingOutcome(job.ReferralId, TrainingOutcome.Completed, Today), Now)
            .ShouldRefuse(RefusalKind.NotFound, "referralId");
    }

    [Theory]
    [InlineData(TrainingKind.Course, TrainingOutcome.Completed)]
    [InlineData(TrainingKind.Course, TrainingOutcome.DroppedOut)]
    [InlineData(TrainingKind.CompetencyTest, TrainingOutcome.CertifiedCompetent)]
    [InlineData(TrainingKind.CompetencyTest, TrainingOutcome.NotYetCompetent)]
    public void A_training_referral_that_already_ended_takes_no_further_outcome(TrainingKind kind, TrainingOutcome ended)
    {
        var referral = TrainingReferred(kind);
        var current = OpenedCase().After(referral, TrainingOutcomeFor(referral.ReferralId, ended));

        current.Decide(Outcome(referral, ended), Now).ShouldRefuse(RefusalKind.Conflict);
        current.Decide(Outcome(referral, TrainingOutcome.Started), Now).ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void A_training_cannot_be_recorded_as_started_twice()
    {
        var referral = TrainingReferred();
        var current = OpenedCase().After(referral, TrainingOutcomeFor(referral.ReferralId, TrainingOutcome.Started));

        current.Decide(Outcome(referral, TrainingOutcome.Started), Now).ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void An_outcome_dated_in_the_future_is_invalid()
    {
        var referral = TrainingReferred();
        var current = OpenedCase().After(referral);

        current.Decide(Outcome(referral, TrainingOutcome.Completed, Today.AddDays(1)), Now)
            .ShouldRefuse(RefusalKind.InvalidInput, "on");
    }

    [Fact]
    public void An_outcome_dated_before_the_case_was_opened_is_invalid()
    {
        var referral = TrainingReferred();
        var current = OpenedCase().After(referral);

        current.Decide(Outcome(referral, TrainingOutcome.Completed, current.OpenedOn.AddDays(-1)), Now)
            .ShouldRefuse(RefusalKind.InvalidInput, "on");
    }

    [Fact]
    public void An_outcome_dated_before_the_referral_was_made_is_invalid()
    {
        var referral = TrainingReferred() with { ReferredOn = Today };
        var current = OpenedCase(openedAt: Now.AddDays(-20)).After(referral);

        current.Decide(Outcome(referral, TrainingOutcome.Started, Today.AddDays(-1)), Now)
            .ShouldRefuse(RefusalKind.InvalidInput, "on");
    }
}
