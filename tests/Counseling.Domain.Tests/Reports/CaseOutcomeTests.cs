using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Reports;
using Counseling.Domain.Tests.Cases;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Reports;

public class CaseOutcomeTests
{
    private static readonly DateTimeOffset March1 = new(2027, 3, 1, 9, 0, 0, Wib.Offset);
    private static readonly DateOnly Opened = new(2027, 3, 1);

    private static CaseOutcome Outcome(params object[] events)
    {
        var opened = new CaseOpened(Guid.NewGuid(), "bekasi", "c-001", Worker(), Employment(TerminationReason.CompanyClosure),
            "JKP-2027-1", 24, March1);
        return events.Aggregate(CaseOutcome.Evolve(null, opened), CaseOutcome.Evolve)!;
    }

    [Fact]
    public void An_intake_starts_the_outcome_with_its_office_day_reason_and_counselor()
    {
        var outcome = Outcome();

        outcome.OfficeId.Should().Be("bekasi");
        outcome.OpenedOn.Should().Be(Opened);
        outcome.TerminationReason.Should().Be("companyClosure");
        outcome.TrainingPath.Should().Be("none");
        outcome.Holdings.Should().Equal(new Holding("c-001", Opened, null));
        outcome.SoleCounselorId.Should().Be("c-001");
        outcome.PlacedOn.Should().BeNull();
    }

    [Fact]
    public void Events_before_an_intake_make_no_outcome()
    {
        CaseOutcome.Evolve(null, new CaseReopened("x", Opened)).Should().BeNull();
    }

    [Fact]
    public void The_first_placement_counts_with_its_wage_and_its_own_follow_up()
    {
        var first = Placed(new DateOnly(2027, 3, 21)) with { MonthlyWageRupiah = 5_300_000 };
        var second = Placed(new DateOnly(2027, 7, 1)) with { MonthlyWageRupiah = 6_000_000 };

        var outcome = Outcome(first, FollowedUp(first, stillEmployed: false), second, FollowedUp(second, stillEmployed: true));

        outcome.PlacedOn.Should().Be(new DateOnly(2027, 3, 21));
        outcome.StartingWageRupiah.Should().Be(5_300_000);
        outcome.StillEmployedAtFollowUp.Should().BeFalse();
    }

    [Fact]
    public void Training_path_lists_each_kind_once_in_journey_order_and_passed_tests_count()
    {
        var test = TrainingReferred(TrainingKind.CompetencyTest);
        var outcome = Outcome(test, TrainingReferred(TrainingKind.Course), TrainingReferred(TrainingKind.Course),
            TrainingOutcomeFor(test.ReferralId, TrainingOutcome.CertifiedCompetent));

        outcome.TrainingPath.Should().Be("course+competencyTest");
        outcome.CompetencyTestsPassed.Should().Be(1);
    }

    [Fact]
    public void Closing_and_reopening_sets_and_clears_the_closure_day()
    {
        var closed = Outcome(new CaseClosed(ClosureReason.Unreachable, new DateOnly(2027, 4, 1), ""));
        closed.ClosedOn.Should().Be(new DateOnly(2027, 4, 1));
        CaseOutcome.Evolve(closed, new CaseReopened("Kembali", new DateOnly(2027, 4, 5)))!.ClosedOn.Should().BeNull();
    }

    [Fact]
    public void A_placement_is_credited_by_the_days_each_counselor_held_the_case()
    {
        // Dewi held the case from 1 to 24 March (23 days), Rudi from 24 March to the job's start on 31 March (7 days).
        var outcome = Outcome(new CaseReassigned("c-001", "c-002", "Cuti", new DateOnly(2027, 3, 24)), Placed(new DateOnly(2027, 3, 31)));

        outcome.Holdings.Should().Equal(
            new Holding("c-001", Opened, new DateOnly(2027, 3, 24)), new Holding("c-002", new DateOnly(2027, 3, 24), null));
        outcome.SoleCounselorId.Should().BeNull();
        outcome.Shares(outcome.CreditEnd(new DateOnly(2027, 6, 1))).Should().Equal(("c-001", 23m / 30), ("c-002", 7m / 30));
    }

    [Fact]
    public void A_counselor_who_took_the_case_after_the_job_started_gets_no_credit_for_it()
    {
        // The placement was recorded after the handover, but the job had started before it.
        var outcome = Outcome(new CaseReassigned("c-001", "c-002", "Cuti", new DateOnly(2027, 3, 24)), Placed(new DateOnly(2027, 3, 11)));

        outcome.Shares(outcome.CreditEnd(new DateOnly(2027, 6, 1))).Should().Equal(("c-001", 1m));
    }

    [Fact]
    public void A_counselor_who_held_the_case_twice_is_credited_for_both_stretches()
    {
        var outcome = Outcome(
            new CaseReassigned("c-001", "c-002", "Cuti", new DateOnly(2027, 3, 11)),
            new CaseReassigned("c-002", "c-001", "Kembali", new DateOnly(2027, 3, 21)),
            new SelfEmploymentStarted("Warung", new DateOnly(2027, 3, 31)));

        outcome.Shares(outcome.CreditEnd(new DateOnly(2027, 6, 1))).Should().Equal(("c-001", 20m / 30), ("c-002", 10m / 30));
    }

    [Fact]
    public void A_case_placed_on_its_intake_day_belongs_to_whoever_held_it_that_day()
    {
        var outcome = Outcome(new CaseReassigned("c-001", "c-002", "Salah input", Opened), Placed(Opened));

        outcome.Shares(outcome.CreditEnd(new DateOnly(2027, 6, 1))).Should().Equal(("c-002", 1m));
    }

    [Fact]
    public void An_open_case_without_work_is_credited_up_to_the_reports_cut()
    {
        var outcome = Outcome(new CaseReassigned("c-001", "c-002", "Cuti", new DateOnly(2027, 3, 21)));

        outcome.CreditEnd(new DateOnly(2027, 3, 31)).Should().Be(new DateOnly(2027, 3, 31));
        outcome.Shares(new DateOnly(2027, 3, 31)).Should().Equal(("c-001", 20m / 30), ("c-002", 10m / 30));
    }

    [Fact]
    public void Events_a_fold_as_of_a_moment_leaves_out_change_nothing()
    {
        var outcome = Outcome();
        object[] ignored =
        [
            new CounselingSessionLogged(Guid.NewGuid(), March1, SessionMode.Phone, 20, [SessionTopic.Other], "", null),
            Assessed(), JobReferred(), new WorkerPersonalDataErased("PDP-1", Opened),
        ];

        foreach (var e in ignored)
        {
            CaseOutcome.EventTypes.Should().NotContain(e.GetType());
            CaseOutcome.Evolve(outcome, e).Should().BeSameAs(outcome);
        }
    }

    // The intake of 1 March 2027 is the claim (PHK on 31 October 2026, PP 6/2025): month 1 runs 1-31 March, month 2
    // 1-30 April, month 3 1-31 May, month 4 1-30 June, and so on to month 6 in August.
    private static readonly DateOnly March31 = new(2027, 3, 31), April30 = new(2027, 4, 30), May31 = new(2027, 5, 31),
        June30 = new(2027, 6, 30), July31 = new(2027, 7, 31), August31 = new(2027, 8, 31);

    private static JobSearchActivityRecorded Activity(JobSearchActivityKind kind, DateOnly on) =>
        new(Guid.NewGuid(), kind, on, "PT Maju Jaya Plastindo", null, null);

    private static object[] FiveApplicationsFrom(DateOnly first) =>
        [.. Enumerable.Range(0, 5).Select(i => Activity(JobSearchActivityKind.Application, first.AddDays(i)))];

    [Fact]
    public void Benefit_months_are_kept_by_their_last_day_as_met_or_not_and_lapsed_ones_are_left_out()
    {
        var committed = new JobSearchCommitmentMade(Opened);

        // Before any commitment no month is met; all six are to come.
        var opened = Outcome();
        opened.BenefitMonthsMet.Should().BeEmpty();
        opened.BenefitMonthsNotMet.Should().Equal(March31, April30, May31, June30, July31, August31);

        // Committed on the claim day (month 1 met), five applications in April (month 2), nothing in May, a job from
        // 10 June: months 4-6 lapse (PP 6/2025 Pasal 40) and are no longer counted at all.
        var placed = Outcome([committed, .. FiveApplicationsFrom(new DateOnly(2027, 4, 5)), Placed(new DateOnly(2027, 6, 10))]);
        placed.BenefitMonthsMet.Should().Equal(March31, April30);
        placed.BenefitMonthsNotMet.Should().Equal(May31);
        placed.Benefit!.JobSearchActivities.Should().OnlyContain(a => a.Employer == null && a.Programme == null,
            "the outcome holds no free text of the case");

        // An interview call dated in May, recorded in June: May is met from then on.
        var late = CaseOutcome.Evolve(placed, Activity(JobSearchActivityKind.InterviewCall, new DateOnly(2027, 5, 20)))!;
        late.BenefitMonthsMet.Should().Equal(March31, April30, May31);
        late.BenefitMonthsNotMet.Should().BeEmpty();
    }

    [Fact]
    public void The_benefit_history_of_an_outcome_decides_the_same_months_as_the_case_itself()
    {
        var opened = new CaseOpened(Guid.NewGuid(), "bekasi", "c-001", Worker(), Employment(), "JKP-2027-1", 24, March1);
        object[] events =
        [
            new JkpClaimRecorded(new DateOnly(2027, 3, 2), new ContributionHistory(24, 24)),
            new JobSearchCommitmentMade(new DateOnly(2027, 3, 2)), .. FiveApplicationsFrom(new DateOnly(2027, 4, 3)),
            new JobSearchActivityRecorded(Guid.NewGuid(), JobSearchActivityKind.TrainingAttendance, new DateOnly(2027, 5, 10), null, "Las SMAW", 85),
            Placed(new DateOnly(2027, 7, 15)), Placed(new DateOnly(2027, 7, 1)), new CaseClosed(ClosureReason.Died, new DateOnly(2027, 7, 20), ""),
        ];
        var day = new DateOnly(2027, 9, 1);

        for (var taken = 0; taken <= events.Length; taken++)
        {
            var @case = events.Take(taken).Aggregate(CounselingCase.Evolve(null, opened), CounselingCase.Evolve)!;
            var outcome = events.Take(taken).Aggregate(CaseOutcome.Evolve(null, opened), CaseOutcome.Evolve)!;

            var fromOutcome = JkpBenefit.For(outcome.Benefit!, day);
            var fromCase = JkpBenefit.For(@case, day)!;
            fromOutcome.Months.Should().Equal(fromCase.Months, $"after {taken} events");
            (fromOutcome.EndedOn, fromOutcome.EndedBecause).Should().Be((fromCase.EndedOn, fromCase.EndedBecause));
        }
    }
}
