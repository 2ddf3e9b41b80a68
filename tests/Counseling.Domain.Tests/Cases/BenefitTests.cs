using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.Closure;
using Counseling.Domain.Cases.JobSearch;
using static Counseling.Domain.Tests.Cases.BenefitFixtures;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

/// <summary>The JKP benefit month by month, each rule with its figures worked out.</summary>
public class BenefitTests
{
    private static Decision Claim(DateOnly phk, DateOnly claimedOn, ContributionHistory? contributions = null) =>
        CounselingCase.Decide(null, OpenCaseCommand() with
        {
            Employment = Employment() with { TerminationDate = phk },
            ClaimedOn = claimedOn,
            Contributions = contributions ?? new ContributionHistory(24, 24),
        }, Now);

    private static JobSearchActivityRecorded Activity(JobSearchActivityKind kind, DateOnly on, int? attendance = null) =>
        new(Guid.NewGuid(), kind, on, kind == JobSearchActivityKind.TrainingAttendance ? null : "PT Maju Jaya Plastindo",
            kind == JobSearchActivityKind.TrainingAttendance ? "Operator Mesin CNC" : null, attendance);

    // Amounts

    [Fact]
    public void Under_PP_6_2025_a_wage_of_Rp5_200_000_pays_Rp3_000_000_a_month_for_six_months()
    {
        // 60% of the wage capped at Rp5,000,000 (PP 6/2025 Pasal 21): 0.6 × 5,000,000 = 3,000,000.
        var schedule = JkpBenefit.For(Claimed(new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 3)), Today)!;

        schedule.RuleSet.Should().Be("PP-6-2025");
        schedule.WageBasisRupiah.Should().Be(5_000_000);
        schedule.Months.Select(m => m.AmountRupiah).Should().Equal(3_000_000, 3_000_000, 3_000_000, 3_000_000, 3_000_000, 3_000_000);
        schedule.TotalRupiah.Should().Be(18_000_000);
        schedule.ClaimDeadline.Should().Be(new DateOnly(2027, 4, 30));
        schedule.Months[0].From.Should().Be(new DateOnly(2026, 11, 3));
        schedule.Months[0].To.Should().Be(new DateOnly(2026, 12, 2));
        schedule.Months[5].From.Should().Be(new DateOnly(2027, 4, 3));
        schedule.PeriodEnd.Should().Be(new DateOnly(2027, 5, 2));
    }

    [Fact]
    public void Under_PP_37_2021_a_wage_of_Rp5_200_000_pays_Rp2_250_000_for_three_months_then_Rp1_250_000()
    {
        // 45% then 25% of the capped wage (PP 37/2021 Pasal 21): 0.45 × 5,000,000 and 0.25 × 5,000,000.
        var schedule = JkpBenefit.For(Claimed(new DateOnly(2024, 6, 3), new DateOnly(2024, 6, 10)), Today)!;

        schedule.RuleSet.Should().Be("PP-37-2021");
        schedule.Months.Select(m => m.AmountRupiah).Should().Equal(2_250_000, 2_250_000, 2_250_000, 1_250_000, 1_250_000, 1_250_000);
        schedule.Months.Select(m => m.Percent).Should().Equal(45, 45, 45, 25, 25, 25);
        schedule.ClaimDeadline.Should().Be(new DateOnly(2024, 9, 3));
    }

    [Fact]
    public void A_wage_under_the_cap_is_paid_on_the_wage_itself()
    {
        // 60% of Rp2,570,000 (the Pekalongan minimum wage) = Rp1,542,000.
        var schedule = JkpBenefit.For(Claimed(new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 3), wage: 2_570_000), Today)!;

        schedule.WageBasisRupiah.Should().Be(2_570_000);
        schedule.Months[0].AmountRupiah.Should().Be(1_542_000);
    }

    // The rules chosen by date

    [Fact]
    public void A_PHK_on_6_February_2025_falls_under_PP_37_2021_and_its_months_from_7_February_are_paid_under_PP_6_2025()
    {
        // Permenaker 2/2025 Pasal II: a benefit still running on 7 February 2025 is paid under PP 6/2025 from then on.
        var schedule = JkpBenefit.For(Claimed(new DateOnly(2025, 2, 6), new DateOnly(2025, 2, 6)), Today)!;

        schedule.RuleSet.Should().Be("PP-37-2021");
        schedule.ClaimDeadline.Should().Be(new DateOnly(2025, 5, 6), "three months under PP 37/2021 Pasal 40");
        schedule.Months.Select(m => m.RuleSet).Should().Equal("PP-37-2021", "PP-6-2025", "PP-6-2025", "PP-6-2025", "PP-6-2025", "PP-6-2025");
        schedule.Months.Select(m => m.AmountRupiah).Should().Equal(2_250_000, 3_000_000, 3_000_000, 3_000_000, 3_000_000, 3_000_000);
    }

    [Fact]
    public void A_PHK_on_7_February_2025_falls_under_PP_6_2025_throughout()
    {
        var schedule = JkpBenefit.For(Claimed(new DateOnly(2025, 2, 7), new DateOnly(2025, 2, 7)), Today)!;

        schedule.RuleSet.Should().Be("PP-6-2025");
        schedule.ClaimDeadline.Should().Be(new DateOnly(2025, 8, 7), "six months under PP 6/2025 Pasal 40");
        schedule.Months.Should().OnlyContain(m => m.RuleSet == "PP-6-2025" && m.AmountRupiah == 3_000_000);
    }

    // The claim window

    [Fact]
    public void Under_PP_6_2025_a_claim_on_the_last_day_of_six_months_is_accepted_and_a_day_later_refused()
    {
        var phk = new DateOnly(2026, 5, 20);

        Claim(phk, new DateOnly(2026, 11, 20)).Refusal.Should().BeNull();
        var refusal = Claim(phk, new DateOnly(2026, 11, 21)).ShouldRefuse(RefusalKind.NotAllowed, "claimedOn");
        refusal.Reason.Should().Contain("PP 6/2025 Pasal 40").And.Contain("2026-11-20");
    }

    [Fact]
    public void Under_PP_37_2021_a_claim_on_the_last_day_of_three_months_is_accepted_and_a_day_later_refused()
    {
        var phk = new DateOnly(2024, 1, 15);

        Claim(phk, new DateOnly(2024, 4, 15)).Refusal.Should().BeNull();
        Claim(phk, new DateOnly(2024, 4, 16)).ShouldRefuse(RefusalKind.NotAllowed, "claimedOn")
            .Reason.Should().Contain("PP 37/2021 Pasal 40").And.Contain("PP-37-2021");
    }

    [Fact]
    public void A_PHK_the_day_before_PP_6_2025_keeps_the_three_month_window()
    {
        Claim(new DateOnly(2025, 2, 6), new DateOnly(2025, 5, 7)).ShouldRefuse(RefusalKind.NotAllowed, "claimedOn")
            .Reason.Should().Contain("PP 37/2021 Pasal 40");
        Claim(new DateOnly(2025, 2, 7), new DateOnly(2025, 5, 8)).Refusal.Should().BeNull();
    }

    [Fact]
    public void A_claim_before_the_PHK_or_in_the_future_is_invalid()
    {
        Claim(new DateOnly(2026, 10, 31), new DateOnly(2026, 10, 30)).ShouldRefuse(RefusalKind.InvalidInput, "claimedOn");
        Claim(new DateOnly(2026, 10, 31), Today.AddDays(1)).ShouldRefuse(RefusalKind.InvalidInput, "claimedOn");
    }

    [Fact]
    public void A_PHK_before_JKP_existed_is_refused()
    {
        Claim(new DateOnly(2021, 2, 1), new DateOnly(2021, 2, 1)).ShouldRefuse(RefusalKind.NotAllowed, "employment.terminationDate");
    }

    // Contributions (PP 37/2021 Pasal 19)

    [Theory]
    [InlineData(12, 6, null)]
    [InlineData(11, 11, "contributionHistory.monthsPaidInLast24Months")]
    [InlineData(24, 5, "contributionHistory.consecutiveMonthsBeforeTermination")]
    public void Twelve_months_within_24_and_six_consecutive_before_the_PHK_are_needed(int paid, int consecutive, string? refusedField)
    {
        var decision = Claim(new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 3), new ContributionHistory(paid, consecutive));

        if (refusedField is null) decision.Refusal.Should().BeNull();
        else decision.ShouldRefuse(RefusalKind.NotAllowed, refusedField).Reason.Should().Contain("PP 37/2021 Pasal 19");
    }

    [Fact]
    public void A_history_claiming_more_months_than_were_paid_in_all_is_invalid()
    {
        var decision = CounselingCase.Decide(null, OpenCaseCommand(contributionMonths: 14) with
        {
            Contributions = new ContributionHistory(16, 14),
        }, Now);

        decision.ShouldRefuse(RefusalKind.InvalidInput, "contributionHistory.monthsPaidInLast24Months");
    }

    // Month by month

    [Fact]
    public void The_first_month_needs_the_commitment_and_no_job_search_evidence()
    {
        var claimed = Claimed(Phk, ClaimDay);

        JkpBenefit.For(claimed, new DateOnly(2026, 6, 10))!.Months[0].Status.Should().Be(BenefitMonthStatus.Due);
        JkpBenefit.For(claimed, new DateOnly(2026, 7, 1))!.Months[0].Should().Match<BenefitMonth>(m =>
            m.Status == BenefitMonthStatus.NotMet && m.Missing == "the job-search commitment");
        JkpBenefit.For(claimed.After(new JobSearchCommitmentMade(new DateOnly(2026, 7, 2))), new DateOnly(2026, 7, 3))!
            .Months[0].Status.Should().Be(BenefitMonthStatus.NotMet, "a commitment made after the month cannot meet it");
        JkpBenefit.For(Committed(), new DateOnly(2026, 6, 10))!.Months[0].Status.Should().Be(BenefitMonthStatus.Met);
    }

    [Fact]
    public void A_month_with_four_applications_is_not_met_and_five_meet_it()
    {
        var july = new DateOnly(2026, 7, 1);
        var four = Committed().After([.. FiveApplications(july).Take(4)]);
        var five = Committed().After([.. FiveApplications(july)]);

        var running = JkpBenefit.For(four, new DateOnly(2026, 7, 20))!.Months[1];
        running.Status.Should().Be(BenefitMonthStatus.Due);
        running.AtRisk.Should().BeFalse("twelve days are left");
        running.Evidence.Applications.Should().Be(4);
        running.Missing.Should().Contain("5 applications, 4 recorded");

        var lastWeek = JkpBenefit.For(four, new DateOnly(2026, 7, 25))!.Months[1];
        lastWeek.Should().Match<BenefitMonth>(m => m.Status == BenefitMonthStatus.Due && m.AtRisk, "seven days are left, the 31st included");

        JkpBenefit.For(four, new DateOnly(2026, 8, 1))!.Months[1].Status.Should().Be(BenefitMonthStatus.NotMet);
        JkpBenefit.For(five, new DateOnly(2026, 7, 20))!.Months[1].Should().Match<BenefitMonth>(m => m.Status == BenefitMonthStatus.Met && m.Missing == null);
        JkpBenefit.For(five, new DateOnly(2026, 7, 20))!.Months[2].Status.Should().Be(BenefitMonthStatus.Upcoming);
    }

    [Fact]
    public void One_interview_or_selection_test_call_or_80_percent_training_attendance_meets_a_month()
    {
        var july = new DateOnly(2026, 7, 10);
        var afterJuly = new DateOnly(2026, 8, 1);

        JkpBenefit.For(Committed().After(Activity(JobSearchActivityKind.InterviewCall, july)), afterJuly)!.Months[1].Status.Should().Be(BenefitMonthStatus.Met);
        JkpBenefit.For(Committed().After(Activity(JobSearchActivityKind.SelectionTestCall, july)), afterJuly)!.Months[1].Status.Should().Be(BenefitMonthStatus.Met);
        JkpBenefit.For(Committed().After(Activity(JobSearchActivityKind.TrainingAttendance, july, 80)), afterJuly)!.Months[1].Status.Should().Be(BenefitMonthStatus.Met);
        JkpBenefit.For(Committed().After(Activity(JobSearchActivityKind.TrainingAttendance, july, 79)), afterJuly)!.Months[1].Status.Should().Be(BenefitMonthStatus.NotMet);
    }

    [Fact]
    public void Evidence_counts_only_in_its_own_month()
    {
        // Five applications in June (month 1) do nothing for July (month 2).
        var current = Committed().After([.. FiveApplications(new DateOnly(2026, 6, 10))]);

        var schedule = JkpBenefit.For(current, new DateOnly(2026, 8, 1))!;
        schedule.Months[1].Evidence.Applications.Should().Be(0);
        schedule.Months[1].Status.Should().Be(BenefitMonthStatus.NotMet);
    }

    [Fact]
    public void Under_PP_6_2025_the_last_month_also_needs_the_employment_status_report()
    {
        var november = new DateOnly(2026, 11, 2);
        var searched = Committed().After(Activity(JobSearchActivityKind.InterviewCall, november));

        JkpBenefit.For(searched, Today)!.Months[5].Missing.Should().Be("the employment-status report");
        JkpBenefit.For(searched.After(Activity(JobSearchActivityKind.EmploymentStatusReport, november.AddDays(1))), Today)!
            .Months[5].Status.Should().Be(BenefitMonthStatus.Met);
        JkpBenefit.For(searched, Today, Pp37)!.Months[5].Status.Should().Be(BenefitMonthStatus.Met,
            "the report was not found in the rules before Permenaker 2/2025");
    }

    [Fact]
    public void A_placement_in_the_third_month_ends_the_benefit_from_its_start()
    {
        // Month 2 (July) met, then a job from 15 August: month 3 (August) and the rest lapse (PP 6/2025 Pasal 40).
        var placedOn = new DateOnly(2026, 8, 15);
        var current = Committed().After([.. FiveApplications(new DateOnly(2026, 7, 1))]).After(Placed(startsOn: placedOn));

        var schedule = JkpBenefit.For(current, Today)!;

        schedule.EndedOn.Should().Be(placedOn);
        schedule.EndedBecause.Should().Be(BenefitEndReason.NewEmployment);
        schedule.Months.Select(m => m.Status).Should().Equal(
            BenefitMonthStatus.Met, BenefitMonthStatus.Met, BenefitMonthStatus.Lapsed, BenefitMonthStatus.Lapsed,
            BenefitMonthStatus.Lapsed, BenefitMonthStatus.Lapsed);
        schedule.MetRupiah.Should().Be(6_000_000);
        schedule.TotalRupiah.Should().Be(6_000_000);
    }

    [Fact]
    public void Death_ends_the_benefit_on_the_day_it_is_recorded()
    {
        var current = Committed().After(new CaseClosed(ClosureReason.Died, new DateOnly(2026, 9, 10), "Meninggal dunia."));

        var schedule = JkpBenefit.For(current, Today)!;

        schedule.EndedBecause.Should().Be(BenefitEndReason.Death);
        schedule.EndedOn.Should().Be(new DateOnly(2026, 9, 10));
        schedule.Months[3].Status.Should().Be(BenefitMonthStatus.Lapsed, "month 4 runs 1-30 September");
        schedule.Months[2].Status.Should().Be(BenefitMonthStatus.NotMet, "month 3 (August) ended without evidence");
    }

    [Fact]
    public void The_benefit_ends_when_its_six_months_are_over()
    {
        JkpBenefit.For(Committed(), new DateOnly(2026, 11, 30))!.EndedBecause.Should().BeNull();

        var over = JkpBenefit.For(Committed(), new DateOnly(2026, 12, 1))!;
        over.EndedBecause.Should().Be(BenefitEndReason.PeriodOver);
        over.EndedOn.Should().Be(new DateOnly(2026, 11, 30));
    }

    [Fact]
    public void A_case_opened_before_the_claim_was_recorded_takes_its_intake_day_as_the_claim_date()
    {
        // Streams stored before JkpClaimRecorded existed hold CaseOpened alone.
        var opened = (CaseOpened)CounselingCase.Decide(null, OpenCaseCommand(), Now).Events[0];
        var old = CounselingCase.Evolve(null, opened)!;

        var schedule = JkpBenefit.For(old, Today)!;
        schedule.ClaimedOn.Should().Be(Today);
        schedule.ClaimDateRecorded.Should().BeFalse();
        schedule.Contributions.Should().BeNull();
        schedule.Months[0].AmountRupiah.Should().Be(3_000_000);
    }

    // What-if

    [Fact]
    public void The_same_history_under_PP_37_2021_pays_less_and_had_a_shorter_window()
    {
        var current = Committed().After([.. FiveApplications(new DateOnly(2026, 7, 1))]);

        var actual = JkpBenefit.For(current, Today)!;
        var whatIf = JkpBenefit.For(current, Today, Pp37)!;

        whatIf.RuleSetRequested.Should().BeTrue();
        whatIf.Months.Select(m => m.AmountRupiah).Should().Equal(2_250_000, 2_250_000, 2_250_000, 1_250_000, 1_250_000, 1_250_000);
        whatIf.ClaimDeadline.Should().Be(new DateOnly(2026, 8, 29));
        JkpBenefit.Differences(actual, whatIf).Should().Equal(
            "claim deadline 2026-11-29 → 2026-08-29",
            "month 1: Rp3,000,000 Met → Rp2,250,000 Met",
            "month 2: Rp3,000,000 Met → Rp2,250,000 Met",
            "month 3: Rp3,000,000 NotMet → Rp2,250,000 NotMet",
            "month 4: Rp3,000,000 NotMet → Rp1,250,000 NotMet",
            "month 5: Rp3,000,000 NotMet → Rp1,250,000 NotMet",
            "month 6: Rp3,000,000 Due → Rp1,250,000 Due");
        JkpBenefit.Differences(actual, JkpBenefit.For(current, Today, Pp6)!).Should().BeEmpty();
    }

    [Fact]
    public void A_claim_inside_the_new_window_but_outside_the_old_one_lapses_entirely_under_the_old_rules()
    {
        // Claimed four months after the PHK: in time under PP 6/2025, too late under PP 37/2021.
        var current = Claimed(new DateOnly(2026, 6, 1), new DateOnly(2026, 10, 1));

        var whatIf = JkpBenefit.For(current, Today, Pp37)!;

        whatIf.EndedBecause.Should().Be(BenefitEndReason.NotClaimedInTime);
        whatIf.Months.Should().OnlyContain(m => m.Status == BenefitMonthStatus.Lapsed);
        whatIf.TotalRupiah.Should().Be(0);
    }

    // The steps

    [Fact]
    public void The_commitment_is_made_once_and_not_before_the_PHK()
    {
        var claimed = Claimed(Phk, ClaimDay);

        claimed.Decide(new MakeJobSearchCommitment(ClaimDay), Now).ShouldAccept(new JobSearchCommitmentMade(ClaimDay));
        claimed.Decide(new MakeJobSearchCommitment(Phk.AddDays(-1)), Now).ShouldRefuse(RefusalKind.InvalidInput, "committedOn");
        claimed.Decide(new MakeJobSearchCommitment(Today.AddDays(1)), Now).ShouldRefuse(RefusalKind.InvalidInput, "committedOn");
        Committed().Decide(new MakeJobSearchCommitment(ClaimDay), Now).ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void An_activity_needs_the_commitment_a_date_within_the_claim_and_a_benefit_still_running()
    {
        var id = Guid.NewGuid();
        var application = new RecordJobSearchActivity(id, JobSearchActivityKind.Application, new DateOnly(2026, 7, 3), "PT Astra Otoparts", null, null);

        Claimed(Phk, ClaimDay).Decide(application, Now).ShouldRefuse(RefusalKind.Conflict).Reason.Should().Contain("commitment");
        Committed().Decide(application, Now).ShouldAccept(
            new JobSearchActivityRecorded(id, JobSearchActivityKind.Application, new DateOnly(2026, 7, 3), "PT Astra Otoparts", null, null));
        Committed().Decide(application with { On = ClaimDay.AddDays(-1) }, Now).ShouldRefuse(RefusalKind.InvalidInput, "on");
        Committed().Decide(application with { On = Today.AddDays(1) }, Now).ShouldRefuse(RefusalKind.InvalidInput, "on");

        var placed = Committed().After(Placed(startsOn: new DateOnly(2026, 8, 15)));
        placed.Decide(application, Now).Refusal.Should().BeNull("evidence dated before the new job still counts");
        placed.Decide(application with { On = new DateOnly(2026, 8, 15) }, Now).ShouldRefuse(RefusalKind.Conflict)
            .Reason.Should().Contain("NewEmployment");
    }

    [Fact]
    public void Closing_as_benefit_period_ended_is_refused_until_the_period_is_over()
    {
        var close = new CloseCase(ClosureReason.BenefitPeriodEnded, "Masa manfaat berakhir.");
        var lastDay = new DateTimeOffset(2026, 11, 30, 10, 0, 0, Wib.Offset);

        Committed().Decide(close, lastDay).ShouldRefuse(RefusalKind.NotAllowed, "reason").Reason.Should().Contain("2026-11-30");
        Committed().Decide(close, lastDay.AddDays(1)).Refusal.Should().BeNull();
        Committed().After(Placed(startsOn: new DateOnly(2026, 8, 15))).Decide(close, Now).Refusal.Should()
            .BeNull("the benefit already ended with the new job");
    }
}
