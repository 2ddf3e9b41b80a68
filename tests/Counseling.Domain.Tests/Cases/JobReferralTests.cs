using Counseling.Domain.Cases;
using Counseling.Domain.Cases.JobReferrals;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

public class JobReferralTests
{
    private static ReferToJob Referral(DateOnly referredOn) =>
        new(Guid.NewGuid(), "LOKER-BKS-0042", "PT Maju Jaya Plastindo", "Operator Produksi", referredOn);

    [Fact]
    public void Referring_the_worker_to_a_vacancy_records_an_open_referral_and_starts_the_job_search()
    {
        var current = OpenedCase().After(Assessed());
        var command = Referral(Today.AddDays(-1));

        var made = current.Decide(command, Now).ShouldAccept(new JobReferralMade(
            command.ReferralId, "LOKER-BKS-0042", "PT Maju Jaya Plastindo", "Operator Produksi", Today.AddDays(-1)));

        var next = current.After(made);
        next.JobReferrals.Should().Equal(
            new JobReferral(command.ReferralId, "PT Maju Jaya Plastindo", "Operator Produksi", Today.AddDays(-1), null));
        next.JobReferrals[0].IsOpen.Should().BeTrue();
        next.Stage.Should().Be(CaseStage.JobSearch);
    }

    [Fact]
    public void A_referral_may_be_dated_today_or_on_the_day_the_case_was_opened()
    {
        var current = OpenedCase();

        current.Decide(Referral(Today), Now).IsRefused.Should().BeFalse();
        current.Decide(Referral(current.OpenedOn), Now).IsRefused.Should().BeFalse();
    }

    [Fact]
    public void A_referral_dated_in_the_future_is_invalid()
    {
        OpenedCase().Decide(Referral(Today.AddDays(1)), Now).ShouldRefuse(RefusalKind.InvalidInput, "referredOn");
    }

    [Fact]
    public void A_referral_dated_before_the_case_was_opened_is_invalid()
    {
        var current = OpenedCase();

        current.Decide(Referral(current.OpenedOn.AddDays(-1)), Now).ShouldRefuse(RefusalKind.InvalidInput, "referredOn");
    }

    [Fact]
    public void A_scheduled_interview_keeps_the_referral_open_and_a_hire_ends_it()
    {
        var referral = JobReferred(on: Today.AddDays(-5));
        var current = OpenedCase().After(referral);

        var scheduled = current.Decide(
                new RecordJobReferralOutcome(referral.ReferralId, JobReferralOutcome.InterviewScheduled, Today.AddDays(-4)), Now)
            .ShouldAccept(new JobReferralOutcomeRecorded(referral.ReferralId, JobReferralOutcome.InterviewScheduled, Today.AddDays(-4)));
        var interviewing = current.After(scheduled);
        interviewing.JobReferrals.Single().Outcome.Should().Be(JobReferralOutcome.InterviewScheduled);
        interviewing.JobReferrals.Single().IsOpen.Should().BeTrue();

        var hired = interviewing.Decide(
                new RecordJobReferralOutcome(referral.ReferralId, JobReferralOutcome.Hired, Today), Now)
            .ShouldAccept(new JobReferralOutcomeRecorded(referral.ReferralId, JobReferralOutcome.Hired, Today));
        var ended = interviewing.After(hired);
        ended.JobReferrals.Single().Outcome.Should().Be(JobReferralOutcome.Hired);
        ended.JobReferrals.Single().IsOpen.Should().BeFalse();
    }

    [Theory]
    [InlineData(JobReferralOutcome.Hired)]
    [InlineData(JobReferralOutcome.Rejected)]
    [InlineData(JobReferralOutcome.NoShow)]
    [InlineData(JobReferralOutcome.Withdrawn)]
    public void Any_final_outcome_ends_an_open_referral(JobReferralOutcome outcome)
    {
        var referral = JobReferred();
        var current = OpenedCase().After(referral);

        var recorded = current.Decide(new RecordJobReferralOutcome(referral.ReferralId, outcome, Today), Now)
            .ShouldAccept(new JobReferralOutcomeRecorded(referral.ReferralId, outcome, Today));

        current.After(recorded).JobReferrals.Single().IsOpen.Should().BeFalse();
    }

    [Fact]
    public void An_outcome_changes_only_the_referral_it_names()
    {
        var first = JobReferred();
        var second = JobReferred();
        var current = OpenedCase().After(first, second);

        var recorded = current.Decide(new RecordJobReferralOutcome(second.ReferralId, JobReferralOutcome.Rejected, Today), Now);

        var next = current.After([.. recorded.Events]);
        next.JobReferrals.Single(r => r.Id == first.ReferralId).Outcome.Should().BeNull();
        next.JobReferrals.Single(r => r.Id == second.ReferralId).Outcome.Should().Be(JobReferralOutcome.Rejected);
    }

    [Fact]
    public void A_hire_alone_does_not_place_the_worker()
    {
        var referral = JobReferred();

        var current = OpenedCase().After(referral, JobOutcomeFor(referral.ReferralId, JobReferralOutcome.Hired));

        current.IsPlaced.Should().BeFalse();
        current.Stage.Should().Be(CaseStage.JobSearch);
    }

    [Fact]
    public void An_outcome_for_a_referral_the_case_does_not_have_is_not_found()
    {
        var current = OpenedCase().After(JobReferred());

        current.Decide(new RecordJobReferralOutcome(Guid.NewGuid(), JobReferralOutcome.Hired, Today), Now)
            .ShouldRefuse(RefusalKind.NotFound, "referralId");
    }

    [Theory]
    [InlineData(JobReferralOutcome.Hired)]
    [InlineData(JobReferralOutcome.Rejected)]
    [InlineData(JobReferralOutcome.NoShow)]
    [InlineData(JobReferralOutcome.Withdrawn)]
    public void A_referral_that_already_ended_takes_no_further_outcome(JobReferralOutcome ended)
    {
        var referral = JobReferred();
        var current = OpenedCase().After(referral, JobOutcomeFor(referral.ReferralId, ended));

        current.Decide(new RecordJobReferralOutcome(referral.ReferralId, JobReferralOutcome.InterviewScheduled, Today), Now)
            .ShouldRefuse(RefusalKind.Conflict);
        current.Decide(new RecordJobReferralOutcome(referral.ReferralId, JobReferralOutcome.Hired, Today), Now)
            .ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void The_same_interview_cannot_be_scheduled_twice()
    {
        var referral = JobReferred();
        var current = OpenedCase().After(referral, JobOutcomeFor(referral.ReferralId, JobReferralOutcome.InterviewScheduled));

        current.Decide(new RecordJobReferralOutcome(referral.ReferralId, JobReferralOutcome.InterviewScheduled, Today), Now)
            .ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void An_outcome_dated_in_the_future_is_invalid()
    {
        var referral = JobReferred();
        var current = OpenedCase().After(referral);

        current.Decide(new RecordJobReferralOutcome(referral.ReferralId, JobReferralOutcome.Hired, Today.AddDays(1)), Now)
            .ShouldRefuse(RefusalKind.InvalidInput, "on");
    }

    [Fact]
    public void An_outcome_dated_before_the_case_was_opened_is_invalid()
    {
        var current = OpenedCase();
        var referral = JobReferred(on: current.OpenedOn);
        current = current.After(referral);

        current.Decide(new RecordJobReferralOutcome(referral.ReferralId, JobReferralOutcome.Hired, current.OpenedOn.AddDays(-1)), Now)
            .ShouldRefuse(RefusalKind.InvalidInput, "on");
    }

    [Fact]
    public void An_outcome_dated_before_the_referral_was_made_is_invalid()
    {
        var referral = JobReferred(on: Today.AddDays(-3));
        var current = OpenedCase().After(referral);

        current.Decide(new RecordJobReferralOutcome(referral.ReferralId, JobReferralOutcome.Hired, Today.AddDays(-4)), Now)
            .ShouldRefuse(RefusalKind.InvalidInput, "on").Reason.Should().Contain("before the referral was made");
        current.Decide(new RecordJobReferralOutcome(referral.ReferralId, JobReferralOutcome.Hired, Today.AddDays(-3)), Now)
            .IsRefused.Should().BeFalse();
    }
}
