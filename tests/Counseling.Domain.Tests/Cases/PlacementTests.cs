using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Placements;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

public class PlacementTests
{
    private static PlaceWorker Placement(DateOnly? startsOn = null, long wage = 5_400_000, Guid? jobReferralId = null) =>
        new(Guid.NewGuid(), "PT Maju Jaya Plastindo", "Operator Produksi", startsOn ?? Today.AddDays(-1), wage,
            ContractType.FixedTerm, jobReferralId);

    /// <summary>A case opened six months ago whose worker started a job on 1 August: the follow-up is due on 1 November.</summary>
    private static (CounselingCase Case, WorkerPlaced Placement) PlacedLongAgo()
    {
        var placed = Placed(startsOn: new DateOnly(2026, 8, 1));
        return (OpenedCase(Now.AddMonths(-6)).After(placed), placed);
    }

    // Placing the worker

    [Fact]
    public void Placing_the_worker_records_the_job_and_moves_the_case_to_placed()
    {
        var current = OpenedCase().After(Assessed());
        var command = Placement(Today.AddDays(-1));

        var placed = current.Decide(command, Now).ShouldAccept(new WorkerPlaced(
            command.PlacementId, "PT Maju Jaya Plastindo", "Operator Produksi", Today.AddDays(-1), 5_400_000,
            ContractType.FixedTerm, null));

        var next = current.After(placed);
        next.Placement.Should().Be(new Placement(
            command.PlacementId, "PT Maju Jaya Plastindo", "Operator Produksi", Today.AddDays(-1), 5_400_000, null));
        next.IsPlaced.Should().BeTrue();
        next.Stage.Should().Be(CaseStage.Placed);
    }

    [Fact]
    public void A_placement_through_a_referral_that_ended_in_a_hire_names_the_referral()
    {
        var referral = JobReferred();
        var current = OpenedCase().After(referral, JobOutcomeFor(referral.ReferralId, JobReferralOutcome.Hired));
        var command = Placement(jobReferralId: referral.ReferralId);

        var placed = current.Decide(command, Now).ShouldAccept(new WorkerPlaced(
            command.PlacementId, command.Employer, command.Position, command.StartsOn, command.MonthlyWageRupiah,
            command.ContractType, referral.ReferralId));

        current.After(placed).Stage.Should().Be(CaseStage.Placed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(JobReferralOutcome.InterviewScheduled)]
    public void A_placement_may_name_a_referral_that_is_still_open(JobReferralOutcome? outcome)
    {
        var referral = JobReferred();
        var current = OpenedCase().After(referral);
        if (outcome is { } known) current = current.After(JobOutcomeFor(referral.ReferralId, known));

        current.Decide(Placement(jobReferralId: referral.ReferralId), Now).IsRefused.Should().BeFalse();
    }

    [Fact]
    public void A_placement_naming_a_job_referral_the_case_does_not_have_is_not_found()
    {
        var current = OpenedCase().After(JobReferred());

        current.Decide(Placement(jobReferralId: Guid.NewGuid()), Now).ShouldRefuse(RefusalKind.NotFound, "jobReferralId");
    }

    [Theory]
    [InlineData(JobReferralOutcome.Rejected)]
    [InlineData(JobReferralOutcome.NoShow)]
    [InlineData(JobReferralOutcome.Withdrawn)]
    public void A_placement_through_a_referral_that_ended_without_a_hire_is_refused(JobReferralOutcome failed)
    {
        var referral = JobReferred();
        var current = OpenedCase().After(referral, JobOutcomeFor(referral.ReferralId, failed));

        current.Decide(Placement(jobReferralId: referral.ReferralId), Now)
            .ShouldRefuse(RefusalKind.Conflict).Reason.Should().Contain(failed.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-5_400_000)]
    public void A_placement_without_a_positive_wage_is_invalid(long wage)
    {
        OpenedCase().Decide(Placement(wage: wage), Now).ShouldRefuse(RefusalKind.InvalidInput, "monthlyWage");
    }

    [Fact]
    public void A_placement_may_start_today_or_on_the_day_the_case_was_opened()
    {
        var current = OpenedCase();

        current.Decide(Placement(Today), Now).IsRefused.Should().BeFalse();
        current.Decide(Placement(current.OpenedOn), Now).IsRefused.Should().BeFalse();
    }

    [Fact]
    public void A_placement_that_starts_in_the_future_is_invalid()
    {
        OpenedCase().Decide(Placement(Today.AddDays(1)), Now).ShouldRefuse(RefusalKind.InvalidInput, "startsOn");
    }

    [Fact]
    public void A_placement_that_starts_before_the_case_was_opened_is_invalid()
    {
        var current = OpenedCase();

        current.Decide(Placement(current.OpenedOn.AddDays(-1)), Now).ShouldRefuse(RefusalKind.InvalidInput, "startsOn");
    }

    [Fact]
    public void A_second_placement_while_the_worker_is_placed_is_refused()
    {
        var current = OpenedCase().After(Placed());

        current.Decide(Placement(), Now).ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void A_second_placement_after_a_follow_up_found_the_worker_still_employed_is_refused()
    {
        var (placed, placement) = PlacedLongAgo();

        placed.After(FollowedUp(placement, stillEmployed: true)).Decide(Placement(), Now).ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void A_placement_while_the_worker_is_self_employed_is_refused()
    {
        var current = OpenedCase().After(SelfEmployed());

        current.Decide(Placement(), Now).ShouldRefuse(RefusalKind.Conflict).Reason.Should().Contain("self-employed");
    }

    [Fact]
    public void A_worker_who_lost_the_job_can_be_placed_again()
    {
        var (placed, first) = PlacedLongAgo();
        var current = placed.After(FollowedUp(first, stillEmployed: false));
        var command = Placement();

        var second = (WorkerPlaced)current.Decide(command, Now).Events.Single();

        var next = current.After(second);
        next.Placement!.Id.Should().Be(command.PlacementId);
        next.Placement.StillEmployed.Should().BeNull();
        next.Stage.Should().Be(CaseStage.Placed);
    }

    // Self-employment

    [Fact]
    public void Starting_a_business_records_self_employment_and_moves_the_case_to_self_employed()
    {
        var current = OpenedCase().After(Assessed(Readiness.ConsideringSelfEmployment));

        var started = current.Decide(new StartSelfEmployment("Warung makan", Today.AddDays(-2)), Now)
            .ShouldAccept(new SelfEmploymentStarted("Warung makan", Today.AddDays(-2)));

        var next = current.After(started);
        next.SelfEmployedSince.Should().Be(Today.AddDays(-2));
        next.IsSelfEmployed.Should().BeTrue();
        next.Stage.Should().Be(CaseStage.SelfEmployed);
    }

    [Fact]
    public void Self_employment_while_the_worker_is_placed_is_refused()
    {
        OpenedCase().After(Placed()).Decide(new StartSelfEmployment("Warung makan", Today), Now)
            .ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void Self_employment_cannot_be_started_twice()
    {
        OpenedCase().After(SelfEmployed()).Decide(new StartSelfEmployment("Bengkel motor", Today), Now)
            .ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void A_worker_who_lost_the_job_can_start_a_business()
    {
        var (placed, placement) = PlacedLongAgo();
        var current = placed.After(FollowedUp(placement, stillEmployed: false));

        var started = current.Decide(new StartSelfEmployment("Warung makan", Today), Now)
            .ShouldAccept(new SelfEmploymentStarted("Warung makan", Today));

        current.After(started).Stage.Should().Be(CaseStage.SelfEmployed);
    }

    [Fact]
    public void Self_employment_that_starts_in_the_future_is_invalid()
    {
        OpenedCase().Decide(new StartSelfEmployment("Warung makan", Today.AddDays(1)), Now)
            .ShouldRefuse(RefusalKind.InvalidInput, "startsOn");
    }

    [Fact]
    public void Self_employment_that_starts_before_the_case_was_opened_is_invalid()
    {
        var current = OpenedCase();

        current.Decide(new StartSelfEmployment("Warung makan", current.OpenedOn.AddDays(-1)), Now)
            .ShouldRefuse(RefusalKind.InvalidInput, "startsOn");
    }

    // The follow-up three months after the start

    [Theory]
    [InlineData(true, CaseStage.Placed)]
    [InlineData(false, CaseStage.JobSearch)]
    public void The_follow_up_records_whether_the_worker_still_has_the_job(bool stillEmployed, CaseStage stage)
    {
        var referral = JobReferred(on: new DateOnly(2026, 7, 20));
        var placed = Placed(startsOn: new DateOnly(2026, 8, 1), jobReferralId: referral.ReferralId);
        var current = OpenedCase(Now.AddMonths(-6)).After(referral, JobOutcomeFor(referral.ReferralId, JobReferralOutcome.Hired, new DateOnly(2026, 7, 28)), placed);

        var followedUp = current.Decide(new FollowUpPlacement(Today, stillEmployed, "Dihubungi lewat telepon."), Now)
            .ShouldAccept(new PlacementFollowedUp(placed.PlacementId, Today, stillEmployed, "Dihubungi lewat telepon."));

        var next = current.After(followedUp);
        next.Placement!.StillEmployed.Should().Be(stillEmployed);
        next.IsPlaced.Should().Be(stillEmployed);
        next.Stage.Should().Be(stage);
    }

    [Fact]
    public void The_follow_up_is_due_three_months_after_the_start_and_not_before()
    {
        var (current, _) = PlacedLongAgo();

        current.Decide(new FollowUpPlacement(new DateOnly(2026, 10, 31), true, ""), Now)
            .ShouldRefuse(RefusalKind.NotAllowed, "on").Reason.Should().Contain("2026-11-01");
        current.Decide(new FollowUpPlacement(new DateOnly(2026, 11, 1), true, ""), Now).IsRefused.Should().BeFalse();
    }

    [Fact]
    public void A_follow_up_of_a_recent_placement_is_not_allowed_yet()
    {
        var current = OpenedCase().After(Placed(startsOn: Today.AddDays(-7)));

        current.Decide(new FollowUpPlacement(Today, true, ""), Now).ShouldRefuse(RefusalKind.NotAllowed, "on");
    }

    [Fact]
    public void A_follow_up_dated_in_the_future_is_invalid()
    {
        var (current, _) = PlacedLongAgo();

        current.Decide(new FollowUpPlacement(Today.AddDays(1), true, ""), Now).ShouldRefuse(RefusalKind.InvalidInput, "on");
    }

    [Fact]
    public void A_follow_up_without_a_placement_is_refused()
    {
        OpenedCase().Decide(new FollowUpPlacement(Today, true, ""), Now).ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void Self_employment_has_no_placement_to_follow_up()
    {
        OpenedCase(Now.AddMonths(-6)).After(SelfEmployed(new DateOnly(2026, 6, 1)))
            .Decide(new FollowUpPlacement(Today, true, ""), Now).ShouldRefuse(RefusalKind.Conflict);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_placement_is_followed_up_only_once(bool stillEmployed)
    {
        var (placed, placement) = PlacedLongAgo();
        var current = placed.After(FollowedUp(placement, stillEmployed));

        current.Decide(new FollowUpPlacement(Today, true, ""), Now).ShouldRefuse(RefusalKind.Conflict);
    }
}
