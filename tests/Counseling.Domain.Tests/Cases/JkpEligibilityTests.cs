using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.Intake;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

/// <summary>The intake's JKP rules (IntakeRules): who may claim, how often, fixed-term contracts and employers in arrears.</summary>
public class JkpEligibilityTests
{
    private static Decision Open(OpenCase command) => CounselingCase.Decide(null, command, Now);

    private static OpenCase Intake(Func<OpenCase, OpenCase> change) => change(OpenCaseCommand());

    [Fact]
    public void The_default_intake_is_accepted_and_records_the_facts_it_was_decided_on()
    {
        var command = OpenCaseCommand();
        var claim = Open(command).Events.OfType<JkpClaimRecorded>().Single();

        claim.Participation.Should().Be(command.Participation);
        claim.Contract.Should().Be(command.Contract);
        claim.Contributions.Should().Be(command.Contributions);
    }

    [Theory]
    [InlineData(null, "contributionHistory")]
    [InlineData("participation", "participation")]
    [InlineData("contract", "employment.contractType")]
    public void Each_fact_the_entitlement_is_decided_on_is_required(string? missing, string field)
    {
        var command = Intake(c => missing switch
        {
            null => c with { Contributions = null },
            "participation" => c with { Participation = null },
            _ => c with { Contract = null },
        });

        var refusal = Open(command).Refusal!;

        refusal.Kind.Should().Be(RefusalKind.InvalidInput);
        refusal.Field.Should().Be(field);
    }

    [Fact]
    public void A_worker_who_is_not_an_Indonesian_citizen_is_refused_naming_the_article()
    {
        var refusal = Open(Intake(c => c with { Participation = c.Participation! with { IndonesianCitizen = false } })).Refusal!;

        refusal.Kind.Should().Be(RefusalKind.NotAllowed);
        refusal.Field.Should().Be("participation.indonesianCitizen");
        refusal.Reason.Should().Contain("PP 37/2021 Pasal 4");
    }

    [Theory]
    [InlineData("2044-05-14", false)] // a day before turning 54 (born 1990-05-15)
    [InlineData("2044-05-15", true)]  // on the 54th birthday
    public void A_worker_joins_before_they_are_54(string joinedOn, bool refused)
    {
        // The PHK after the joining day, so only the age decides.
        var command = Intake(c => c with
        {
            Employment = c.Employment with { TerminationDate = new DateOnly(2046, 1, 10) },
            Participation = c.Participation! with { JoinedOn = DateOnly.Parse(joinedOn) },
        });

        var decision = CounselingCase.Decide(null, command, new DateTimeOffset(2046, 2, 1, 10, 0, 0, Wib.Offset));

        if (refused)
        {
            decision.Refusal!.Field.Should().Be("participation.joinedOn");
            decision.Refusal.Reason.Should().Contain("54");
        }
        else decision.IsRefused.Should().BeFalse();
    }

    [Fact]
    public void A_worker_the_employer_did_not_enrol_in_JKN_is_refused()
    {
        var refusal = Open(Intake(c => c with { Participation = c.Participation! with { EnrolledInJkn = false } })).Refusal!;

        refusal.Field.Should().Be("participation.enrolledInJkn");
        refusal.Kind.Should().Be(RefusalKind.NotAllowed);
    }

    [Fact]
    public void Joining_after_the_PHK_is_invalid()
    {
        var refusal = Open(Intake(c => c with { Participation = c.Participation! with { JoinedOn = c.Employment.TerminationDate.AddDays(1) } })).Refusal!;

        refusal.Kind.Should().Be(RefusalKind.InvalidInput);
        refusal.Field.Should().Be("participation.joinedOn");
    }

    [Fact]
    public void A_fixed_term_contract_ended_before_its_term_qualifies()
    {
        var command = Intake(c => c with
        {
            Employment = c.Employment with { TerminationReason = TerminationReason.ContractTerminatedEarly },
            Contract = new EmploymentContract(EmploymentContractType.FixedTerm, c.Employment.TerminationDate.AddMonths(4)),
        });

        Open(command).IsRefused.Should().BeFalse();
    }

    [Theory]
    [InlineData(0)]   // the PHK on the contract's last day
    [InlineData(-20)] // the term ended before the job did
    public void A_fixed_term_contract_that_ran_to_its_term_is_refused_naming_the_article(int endsDaysAfterPhk)
    {
        var command = Intake(c => c with
        {
            Contract = new EmploymentContract(EmploymentContractType.FixedTerm, c.Employment.TerminationDate.AddDays(endsDaysAfterPhk)),
        });

        var refusal = Open(command).Refusal!;

        refusal.Kind.Should().Be(RefusalKind.NotAllowed);
        refusal.Field.Should().Be("employment.contractEndsOn");
        refusal.Reason.Should().Contain("Pasal 20 ayat (2)");
    }

    [Fact]
    public void The_reason_contract_ran_to_term_does_not_qualify()
    {
        var refusal = Open(OpenCaseCommand(TerminationReason.ContractRanToTerm)).Refusal!;

        refusal.Field.Should().Be("employment.terminationReason");
    }

    [Fact]
    public void A_fixed_term_contract_needs_its_end_date_and_an_open_ended_one_has_none()
    {
        Open(Intake(c => c with { Contract = new EmploymentContract(EmploymentContractType.FixedTerm, null) }))
            .Refusal!.Field.Should().Be("employment.contractEndsOn");
        Open(Intake(c => c with { Contract = new EmploymentContract(EmploymentContractType.Permanent, Today) }))
            .Refusal!.Field.Should().Be("employment.contractEndsOn");
    }

    /// <summary>Two consecutive months paid before the employer stopped paying: short of the six the rules need.</summary>
    private static OpenCase InArrears(int monthsUnpaid, ArrearsCause cause, DateOnly? phk = null) => Intake(c => c with
    {
        Employment = c.Employment with { TerminationDate = phk ?? c.Employment.TerminationDate },
        ClaimedOn = phk?.AddDays(3),
        ContributionMonths = 20,
        Contributions = new ContributionHistory(14, 2, new ContributionArrears(monthsUnpaid, cause)),
    });

    [Fact]
    public void Without_arrears_two_consecutive_months_are_refused()
    {
        Open(InArrears(1, ArrearsCause.Other) with { Contributions = new ContributionHistory(14, 2) })
            .Refusal!.Field.Should().Be("contributionHistory.consecutiveMonthsBeforeTermination");
    }

    [Fact]
    public void Under_PP_6_2025_a_bankrupt_employer_up_to_six_months_behind_still_leaves_the_worker_entitled()
    {
        var decision = Open(InArrears(4, ArrearsCause.EmployerBankrupt));

        decision.IsRefused.Should().BeFalse("PP 6/2025 Pasal 39A: BPJS pays when a bankrupt employer owed up to six months");
        decision.Events.OfType<JkpClaimRecorded>().Single().Contributions!.Arrears.Should().Be(new ContributionArrears(4, ArrearsCause.EmployerBankrupt));
    }

    [Fact]
    public void More_than_six_months_owed_by_a_closed_employer_is_refused_naming_both_articles()
    {
        var refusal = Open(InArrears(7, ArrearsCause.EmployerClosed)).Refusal!;

        refusal.Field.Should().Be("contributionHistory.arrears.monthsUnpaid");
        refusal.Reason.Should().Contain("Pasal 39A").And.Contain("Pasal 39 ayat (1)");
    }

    [Fact]
    public void An_employer_that_simply_did_not_pay_is_covered_for_three_months_only()
    {
        Open(InArrears(3, ArrearsCause.Other).WithRecentFigures()).IsRefused.Should().BeFalse();
        Open(InArrears(4, ArrearsCause.Other)).Refusal!.Field.Should().Be("contributionHistory.arrears.monthsUnpaid");
    }

    [Fact]
    public void The_rule_in_force_on_the_PHK_date_decides_a_bankruptcy_PP_37_2021_covered_three_months()
    {
        var phk = new DateOnly(2024, 6, 3);
        var before = CounselingCase.Decide(null, InArrears(4, ArrearsCause.EmployerBankrupt, phk), new DateTimeOffset(2024, 6, 10, 10, 0, 0, Wib.Offset));

        before.Refusal!.Field.Should().Be("contributionHistory.arrears.monthsUnpaid");
        before.Refusal.Reason.Should().Contain(BenefitRuleSets.Pp37Of2021);
        CounselingCase.Decide(null, InArrears(3, ArrearsCause.EmployerBankrupt, phk).WithRecentFigures(), new DateTimeOffset(2024, 6, 10, 10, 0, 0, Wib.Offset))
            .IsRefused.Should().BeFalse();
    }

    [Fact]
    public void A_first_claim_is_decided_as_before()
    {
        Open(Intake(c => c with { EarlierClaims = [] })).IsRefused.Should().BeFalse();
    }

    [Fact]
    public void A_further_claim_less_than_five_years_after_the_previous_is_refused()
    {
        var earlier = new EarlierJkpClaim(Today.AddYears(-3));
        var refusal = Open(Intake(c => c with { EarlierClaims = [earlier] })).Refusal!;

        refusal.Kind.Should().Be(RefusalKind.NotAllowed);
        refusal.Field.Should().Be("earlierClaims");
        refusal.Reason.Should().Contain("Secondary source");
    }

    [Fact]
    public void A_further_claim_five_years_on_is_accepted_and_the_earlier_claims_recorded()
    {
        var earlier = new EarlierJkpClaim(Today.AddYears(-6), Guid.NewGuid());
        var decision = Open(Intake(c => c with { EarlierClaims = [earlier] }));

        decision.IsRefused.Should().BeFalse();
        decision.Events.OfType<JkpClaimRecorded>().Single().EarlierClaims.Should().Equal(earlier);
    }

    [Fact]
    public void A_fourth_claim_is_refused_however_long_after()
    {
        var refusal = Open(Intake(c => c with
        {
            EarlierClaims = [new(Today.AddYears(-20)), new(Today.AddYears(-14)), new(Today.AddYears(-7))],
        })).Refusal!;

        refusal.Field.Should().Be("earlierClaims");
        refusal.Reason.Should().Contain("3 times");
    }

    [Fact]
    public void An_earlier_claim_after_this_PHK_is_invalid()
    {
        Open(Intake(c => c with { EarlierClaims = [new(Today)] })).Refusal!.Kind.Should().Be(RefusalKind.InvalidInput);
    }
}

internal static class ArrearsIntakes
{
    /// <summary>Enough months paid within the last 24 that only the consecutive months decide (3 owed + 2 paid is short of 6 otherwise).</summary>
    public static OpenCase WithRecentFigures(this OpenCase command) =>
        command with { Contributions = command.Contributions! with { ConsecutiveMonthsBeforeTermination = 3 } };
}

/// <summary>How a stored claim is decided under the intake's rules now, and under another rule set: the what-if's entitlement.</summary>
public class JkpEntitlementTests
{
    private static BenefitHistory HistoryOf(params object[] events) =>
        events.Aggregate((BenefitHistory?)null, BenefitHistory.Evolve)!;

    [Fact]
    public void A_claim_recorded_with_every_fact_is_entitled()
    {
        var current = OpenedCase();
        var schedule = JkpBenefit.For(current, Today)!.WithEntitlement(current);

        schedule.Entitled.Should().BeTrue();
        schedule.Unmet.Should().BeEmpty();
    }

    [Fact]
    public void A_claim_stored_before_the_intake_recorded_its_facts_lists_what_is_missing_and_keeps_its_schedule()
    {
        var opened = (CaseOpened)CounselingCase.Decide(null, OpenCaseCommand(), Now).Events[0];
        var legacy = HistoryOf(opened, new JkpClaimRecorded(Today, new ContributionHistory(24, 24)));

        var schedule = JkpBenefit.For(legacy, Today).WithEntitlement(legacy);

        schedule.Entitled.Should().BeFalse();
        schedule.Unmet.Select(u => u.Field).Should().Equal("participation", "employment.contractType");
        schedule.Months.Should().HaveCount(6, "its months are decided as they were");
    }

    [Fact]
    public void Four_months_owed_by_a_bankrupt_employer_are_covered_under_PP_6_2025_and_not_under_PP_37_2021()
    {
        var command = OpenCaseCommand() with
        {
            ContributionMonths = 20,
            Contributions = new ContributionHistory(14, 2, new ContributionArrears(4, ArrearsCause.EmployerBankrupt)),
        };
        var current = CounselingCase.Decide(null, command, Now).Events.Aggregate((CounselingCase?)null, CounselingCase.Evolve)!;

        var actual = JkpBenefit.For(current, Today)!.WithEntitlement(current);
        var underPp37 = JkpBenefit.For(current, Today, BenefitRuleSets.Find(BenefitRuleSets.Pp37Of2021))!.WithEntitlement(current);

        actual.Entitled.Should().BeTrue();
        underPp37.Entitled.Should().BeFalse();
        underPp37.Unmet.Should().ContainSingle().Which.Field.Should().Be("contributionHistory.arrears.monthsUnpaid");
        JkpBenefit.Differences(actual, underPp37).Should().Contain(d => d.StartsWith("entitlement: entitled → not entitled (ArrearsNotCovered)"));
    }
}
