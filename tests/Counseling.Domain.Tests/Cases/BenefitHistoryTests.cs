using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;

namespace Counseling.Domain.Tests.Cases;

/// <summary>
/// The benefit's fold now asks each event (IBenefitEvent) instead of a list kept by hand: what it reads must still be the
/// events it read, under the names they were stored with.
/// </summary>
public class BenefitHistoryTests
{
    [Fact]
    public void The_fold_reads_the_intake_and_every_event_that_changes_the_benefit()
    {
        BenefitHistory.EventTypes.Should().Contain(
        [
            typeof(CaseOpened), typeof(JkpClaimRecorded), typeof(JobSearchCommitmentMade), typeof(JobSearchActivityRecorded),
            typeof(WorkerPlaced), typeof(CaseClosed), typeof(JkpClaimApproved), typeof(SelfEmploymentStarted),
        ]);
        BenefitHistory.EventTypes.Should().OnlyHaveUniqueItems()
            .And.OnlyContain(t => t == typeof(CaseOpened) || typeof(IBenefitEvent).IsAssignableFrom(t));
    }

    [Fact]
    public void Its_events_keep_the_namespace_they_were_stored_under()
    {
        BenefitHistory.EventTypes.Should().OnlyContain(t => t.Namespace == "Counseling.Domain.Cases");
    }

    [Fact]
    public void An_event_that_changes_nothing_leaves_the_same_history()
    {
        var placed = BenefitHistory.Evolve(CaseFixtures.OpenedCase().Benefit,
            new WorkerPlaced(Guid.NewGuid(), "PT A", "Operator", CaseFixtures.Today, 5_000_000, ContractType.Permanent, null))!;

        placed.FirstPlacementStartsOn.Should().Be(CaseFixtures.Today);
        BenefitHistory.Evolve(placed,
                new WorkerPlaced(Guid.NewGuid(), "PT B", "Operator", CaseFixtures.Today.AddDays(1), 5_000_000, ContractType.Permanent, null))
            .Should().BeSameAs(placed);
        BenefitHistory.Evolve(placed, CaseFixtures.Closed(ClosureReason.Unreachable)).Should().BeSameAs(placed);
        BenefitHistory.Evolve(placed, new CounselingSessionLogged(Guid.NewGuid(), CaseFixtures.Now, SessionMode.Phone, 20, [], "", null))
            .Should().BeSameAs(placed);
    }

    [Fact]
    public void A_death_ends_the_right_on_its_day_or_else_on_the_closure_day()
    {
        var opened = CaseFixtures.OpenedCase().Benefit;
        var closed = CaseFixtures.Closed(ClosureReason.Died);

        BenefitHistory.Evolve(opened, closed)!.DiedOn.Should().Be(closed.On);
        BenefitHistory.Evolve(opened, closed with { DiedOn = closed.On.AddDays(-3) })!.DiedOn.Should().Be(closed.On.AddDays(-3));
    }
}
