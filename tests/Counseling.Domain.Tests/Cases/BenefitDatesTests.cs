using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.ClaimApproval;
using Counseling.Domain.Cases.Closure;
using static Counseling.Domain.Tests.Cases.BenefitFixtures;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

/// <summary>
/// The benefit on the days the law names (issue 27): the day of death, the day BPJS Ketenagakerjaan approved the claim,
/// and the start of a business of the worker's own.
/// </summary>
public class BenefitDatesTests
{
    // The day of death

    [Fact]
    public void A_closure_as_died_needs_the_day_of_death_between_the_PHK_and_the_closure_day()
    {
        var current = Committed();
        var diedOn = new DateOnly(2026, 8, 20);

        current.Decide(new CloseCase(ClosureReason.Died, "Kabar dari keluarga.", diedOn), Now)
            .ShouldAccept(new CaseClosed(ClosureReason.Died, Today, "Kabar dari keluarga.", diedOn));
        current.Decide(new CloseCase(ClosureReason.Died, "Kabar dari keluarga."), Now)
            .ShouldRefuse(RefusalKind.InvalidInput, "diedOn").Reason.Should().Contain("PP 6/2025 Pasal 40");
        current.Decide(new CloseCase(ClosureReason.Died, "", Today.AddDays(1)), Now).ShouldRefuse(RefusalKind.InvalidInput, "diedOn");
        current.Decide(new CloseCase(ClosureReason.Died, "", Phk.AddDays(-1)), Now).ShouldRefuse(RefusalKind.InvalidInput, "diedOn");
        current.Decide(new CloseCase(ClosureReason.Died, "", Phk), Now).Refusal.Should().BeNull();
        current.Decide(new CloseCase(ClosureReason.Died, "", Today), Now).Refusal.Should().BeNull();
        current.Decide(new CloseCase(ClosureReason.Withdrew, "Pindah.", diedOn), Now).ShouldRefuse(RefusalKind.InvalidInput, "diedOn");
    }

    [Fact]
    public void A_death_is_dated_by_the_day_of_death_and_the_months_from_it_on_lapse()
    {
        // Month 2 (July) met; died 20 August, the case closed on 10 November: months 3-6 lapsed (PP 6/2025 Pasal 40).
        var searched = Committed().After([.. FiveApplications(new DateOnly(2026, 7, 1))]);
        var closedOn = new DateOnly(2026, 11, 10);

        var schedule = JkpBenefit.For(
            searched.After(new CaseClosed(ClosureReason.Died, closedOn, "Kabar dari keluarga.", new DateOnly(2026, 8, 20))), Today)!;

        schedule.EndedBecause.Should().Be(BenefitEndReason.Death);
        schedule.EndedOn.Should().Be(new DateOnly(2026, 8, 20));
        schedule.Months.Select(m => m.Status).Should().Equal(
            BenefitMonthStatus.Met, BenefitMonthStatus.Met, BenefitMonthStatus.Lapsed, BenefitMonthStatus.Lapsed,
            BenefitMonthStatus.Lapsed, BenefitMonthStatus.Lapsed);
        schedule.TotalRupiah.Should().Be(6_000_000);

        // A closure stored before the day of death was recorded keeps its decision: dated by the closure day.
        var old = JkpBenefit.For(searched.After(new CaseClosed(ClosureReason.Died, closedOn, "Kabar dari keluarga.")), Today)!;
        old.EndedOn.Should().Be(closedOn);
        old.Months.Select(m => m.Status).Should().Equal(
            BenefitMonthStatus.Met, BenefitMonthStatus.Met, BenefitMonthStatus.NotMet, BenefitMonthStatus.NotMet,
            BenefitMonthStatus.NotMet, BenefitMonthStatus.Lapsed);
    }

    [Fact]
    public void A_month_that_ended_before_the_death_keeps_its_status()
    {
        // Died 1 August, the first day of month 3: July (month 2, no evidence) was over and is not met, not lapsed.
        var schedule = JkpBenefit.For(Committed().After(
            new CaseClosed(ClosureReason.Died, new DateOnly(2026, 11, 10), "", new DateOnly(2026, 8, 1))), Today)!;

        schedule.Months[1].Status.Should().Be(BenefitMonthStatus.NotMet);
        schedule.Months[2].Status.Should().Be(BenefitMonthStatus.Lapsed);
    }

    // The approval date and the Permenaker 2/2025 transition

    /// <summary>Laid off 15 November 2024, claimed 2 December 2024: months 1-3 start before 7 February 2025.</summary>
    private static CounselingCase ClaimedBeforePp6() => Claimed(new DateOnly(2024, 11, 15), new DateOnly(2024, 12, 2));

    [Fact]
    public void A_claim_approved_on_7_February_2025_or_later_is_paid_under_PP_6_2025_throughout()
    {
        var approved = ClaimedBeforePp6().After(new JkpClaimApproved(new DateOnly(2025, 2, 7)));

        var schedule = JkpBenefit.For(approved, Today)!;

        schedule.RuleSet.Should().Be("PP-6-2025");
        schedule.RuleSetByApproval.Should().BeTrue();
        schedule.ClaimApprovedOn.Should().Be(new DateOnly(2025, 2, 7));
        schedule.ClaimDeadline.Should().Be(new DateOnly(2025, 5, 15), "the PP 6/2025 window: six months from the PHK");
        schedule.Months.Should().OnlyContain(m => m.RuleSet == "PP-6-2025" && m.AmountRupiah == 3_000_000);
        schedule.Sources.Should().Contain(s => s.StartsWith("Permenaker 2/2025 Pasal II angka 4"));
    }

    [Fact]
    public void A_claim_approved_before_7_February_2025_or_without_an_approval_date_is_decided_as_before()
    {
        // Months starting before 7 February 2025 under PP 37/2021, the rest under PP 6/2025 (Pasal II angka 3).
        long[] asBefore = [2_250_000, 2_250_000, 2_250_000, 3_000_000, 3_000_000, 3_000_000];

        var unapproved = JkpBenefit.For(ClaimedBeforePp6(), Today)!;
        unapproved.RuleSet.Should().Be("PP-37-2021");
        unapproved.RuleSetByApproval.Should().BeFalse();
        unapproved.ClaimApprovedOn.Should().BeNull();
        unapproved.Months.Select(m => m.AmountRupiah).Should().Equal(asBefore);

        var approvedEarlier = JkpBenefit.For(ClaimedBeforePp6().After(new JkpClaimApproved(new DateOnly(2025, 2, 6))), Today)!;
        approvedEarlier.RuleSet.Should().Be("PP-37-2021");
        approvedEarlier.RuleSetByApproval.Should().BeFalse();
        approvedEarlier.Months.Select(m => m.AmountRupiah).Should().Equal(asBefore);
    }

    [Fact]
    public void The_approval_date_changes_nothing_for_a_PHK_already_under_PP_6_2025_and_a_rule_set_asked_for_decides_alone()
    {
        var current = Committed();
        var approved = current.After(new JkpClaimApproved(ClaimDay.AddDays(5)));

        JkpBenefit.Differences(JkpBenefit.For(current, Today)!, JkpBenefit.For(approved, Today)!).Should().BeEmpty();
        JkpBenefit.For(approved, Today)!.RuleSetByApproval.Should().BeFalse();

        var whatIf = JkpBenefit.For(ClaimedBeforePp6().After(new JkpClaimApproved(new DateOnly(2025, 3, 1))), Today, Pp37)!;
        whatIf.Months.Should().OnlyContain(m => m.RuleSet == "PP-37-2021");
    }

    [Fact]
    public void The_approval_is_recorded_once_not_before_the_claim_and_not_in_the_future()
    {
        var claimed = Claimed(Phk, ClaimDay);

        claimed.Decide(new RecordClaimApproval(ClaimDay), Now).ShouldAccept(new JkpClaimApproved(ClaimDay));
        claimed.Decide(new RecordClaimApproval(ClaimDay.AddDays(-1)), Now).ShouldRefuse(RefusalKind.InvalidInput, "approvedOn");
        claimed.Decide(new RecordClaimApproval(Today.AddDays(1)), Now).ShouldRefuse(RefusalKind.InvalidInput, "approvedOn");
        claimed.After(new JkpClaimApproved(ClaimDay)).Decide(new RecordClaimApproval(ClaimDay.AddDays(1)), Now)
            .ShouldRefuse(RefusalKind.Conflict).Reason.Should().Contain("2026-06-01");
        claimed.After(Closed()).Decide(new RecordClaimApproval(ClaimDay), Now).ShouldRefuse(RefusalKind.Conflict);
    }

    // Self-employment

    [Fact]
    public void Each_rule_set_reads_self_employment_as_not_ending_the_right_and_says_why()
    {
        foreach (var rules in BenefitRuleSets.All)
        {
            rules.SelfEmploymentEndsBenefit.Should().BeFalse();
            rules.SelfEmploymentSource.Should().Contain("Pasal 40").And.Contain("Pasal 1 angka 2").And.Contain("This service's reading");
            rules.Sources.Should().Contain(rules.SelfEmploymentSource);
        }
        Pp6.ApprovalTransitionSource.Should().Contain("Permenaker 2/2025 Pasal II");
        Pp37.ApprovalTransitionSource.Should().BeNull();
    }

    [Fact]
    public void A_business_of_the_workers_own_does_not_end_the_benefit_and_the_what_if_shows_the_other_reading()
    {
        var current = Committed().After([.. FiveApplications(new DateOnly(2026, 7, 1))]).After(SelfEmployed(new DateOnly(2026, 8, 15)));

        var actual = JkpBenefit.For(current, Today)!;
        actual.EndedBecause.Should().BeNull();
        actual.SelfEmploymentEndsBenefit.Should().BeFalse();
        actual.Months[2].Status.Should().Be(BenefitMonthStatus.NotMet, "August was not lapsed: it lacked evidence");

        var otherReading = JkpBenefit.For(current, Today, selfEmploymentEndsBenefit: true)!;
        otherReading.RuleSetRequested.Should().BeFalse();
        otherReading.SelfEmploymentEndsBenefit.Should().BeTrue();
        otherReading.EndedBecause.Should().Be(BenefitEndReason.SelfEmployment);
        otherReading.EndedOn.Should().Be(new DateOnly(2026, 8, 15));
        otherReading.Months.Skip(2).Should().OnlyContain(m => m.Status == BenefitMonthStatus.Lapsed);
        JkpBenefit.Differences(actual, otherReading).Should().Equal(
            "benefit ended: not ended → SelfEmployment",
            "month 3: Rp3,000,000 NotMet → Rp3,000,000 Lapsed",
            "month 4: Rp3,000,000 NotMet → Rp3,000,000 Lapsed",
            "month 5: Rp3,000,000 NotMet → Rp3,000,000 Lapsed",
            "month 6: Rp3,000,000 Due → Rp3,000,000 Lapsed");

        JkpBenefit.For(current, Today, Pp37, selfEmploymentEndsBenefit: true)!.EndedBecause.Should().Be(BenefitEndReason.SelfEmployment);
        JkpBenefit.Differences(actual, JkpBenefit.For(current, Today, selfEmploymentEndsBenefit: false)!).Should().BeEmpty();
    }

    [Fact]
    public void A_case_document_stored_before_the_benefit_kept_self_employment_still_shows_the_other_reading()
    {
        var current = Committed().After(SelfEmployed(new DateOnly(2026, 8, 15)));
        var stored = current with { Benefit = current.Benefit! with { SelfEmployedSince = null } };

        JkpBenefit.For(stored, Today, selfEmploymentEndsBenefit: true)!.EndedOn.Should().Be(new DateOnly(2026, 8, 15));
    }
}
