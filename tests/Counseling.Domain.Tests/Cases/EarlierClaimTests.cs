using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.EarlierClaims;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

/// <summary>An earlier JKP claim disclosed after the intake (issue 27): when it is recorded, and how the claim is decided again with it.</summary>
public class EarlierClaimTests
{
    private static readonly CounselingCase Opened = OpenedCase();
    private static DateOnly Phk => Opened.Benefit!.Claim.TerminationDate;

    private static Decision Record(CounselingCase current, DateOnly claimedOn) => current.Decide(new RecordEarlierClaim(claimedOn), Now);

    private static BenefitSchedule ScheduleOf(CounselingCase current) => JkpBenefit.For(current, Today)!.WithEntitlement(current);

    [Fact]
    public void A_claim_before_the_PHK_is_recorded()
    {
        Record(Opened, Phk.AddYears(-6)).ShouldAccept(new EarlierJkpClaimDisclosed(Phk.AddYears(-6)));
    }

    [Fact]
    public void A_claim_in_the_future_is_refused()
    {
        Record(Opened, Today.AddDays(1)).ShouldRefuse(RefusalKind.InvalidInput, "claimedOn").Code.Should().Be(nameof(Why.InTheFuture));
    }

    [Fact]
    public void A_claim_on_or_after_this_claims_PHK_is_not_an_earlier_one()
    {
        Record(Opened, Phk).ShouldRefuse(RefusalKind.InvalidInput, "claimedOn").Code.Should().Be(nameof(Why.EarlierClaimNotBeforePhk));
        Record(Opened, Phk.AddDays(1)).ShouldRefuse(RefusalKind.InvalidInput, "claimedOn").Reason.Should().Contain(Phk.ToString("yyyy-MM-dd"));
        Record(Opened, Phk.AddDays(-1)).IsRefused.Should().BeFalse();
    }

    [Fact]
    public void A_claim_already_known_is_a_conflict()
    {
        var claimedOn = Phk.AddYears(-7);
        var disclosed = Opened.After(new EarlierJkpClaimDisclosed(claimedOn));

        Record(disclosed, claimedOn).ShouldRefuse(RefusalKind.Conflict).Code.Should().Be(nameof(Why.EarlierClaimAlreadyKnown));
        Record(disclosed, claimedOn.AddDays(1)).IsRefused.Should().BeFalse();
    }

    [Fact]
    public void A_claim_stated_at_intake_is_already_known()
    {
        var statedOn = Phk.AddYears(-8);
        var command = OpenCaseCommand() with { EarlierClaims = [new EarlierJkpClaim(statedOn)] };
        var stated = CounselingCase.Decide(null, command, Now).Events.Aggregate((CounselingCase?)null, CounselingCase.Evolve)!;

        Record(stated, statedOn).ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void A_closed_case_refuses_it()
    {
        Record(Opened.After(Closed()), Phk.AddYears(-6)).ShouldRefuse(RefusalKind.Conflict).Code.Should().Be(nameof(Why.CaseClosed));
    }

    [Fact]
    public void A_claim_within_five_years_of_the_PHK_leaves_the_claim_unentitled_under_the_further_claims_rule()
    {
        ScheduleOf(Opened).Entitled.Should().BeTrue();
        var claimedOn = Phk.AddYears(-3);

        var schedule = ScheduleOf(Opened.After(new EarlierJkpClaimDisclosed(claimedOn)));

        schedule.Entitled.Should().BeFalse();
        var finding = schedule.Unmet.Should().ContainSingle().Subject;
        finding.Field.Should().Be("earlierClaims");
        finding.Code.Should().Be(nameof(Why.TooSoonAfterEarlierClaim));
        finding.Reason.Should().Contain(claimedOn.ToString("yyyy-MM-dd"));
        schedule.Months.Should().HaveCount(6, "the months are the schedule's own; the entitlement is decided beside them");
    }

    [Fact]
    public void A_claim_older_than_five_years_leaves_it_entitled()
    {
        ScheduleOf(Opened.After(new EarlierJkpClaimDisclosed(Phk.AddYears(-5).AddDays(-1)))).Entitled.Should().BeTrue();
    }

    [Fact]
    public void A_third_earlier_claim_reaches_the_limit_and_the_claims_stay_in_date_order()
    {
        var first = Phk.AddYears(-20);
        var second = Phk.AddYears(-12);
        var third = Phk.AddYears(-16);
        var current = Opened.After(new EarlierJkpClaimDisclosed(first), new EarlierJkpClaimDisclosed(second));
        ScheduleOf(current).Entitled.Should().BeTrue();

        current = current.After(new EarlierJkpClaimDisclosed(third));

        current.Benefit!.Claim.EarlierClaims!.Select(c => c.ClaimedOn).Should().Equal(first, third, second);
        ScheduleOf(current).Unmet.Should().ContainSingle().Which.Code.Should().Be(nameof(Why.ClaimLimitReached));
    }
}
