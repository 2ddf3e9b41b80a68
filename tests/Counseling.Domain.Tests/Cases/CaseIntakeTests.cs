using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Intake;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

public class CaseIntakeTests
{
    [Fact]
    public void Opening_a_case_for_a_laid_off_worker_records_the_intake()
    {
        var command = OpenCaseCommand();

        var decision = CounselingCase.Decide(null, command, Now);

        decision.IsRefused.Should().BeFalse();
        decision.Events.Should().HaveCount(2);
        var opened = decision.Events[0].Should().BeOfType<CaseOpened>().Subject;
        opened.CaseId.Should().Be(command.CaseId);
        opened.OpenedAt.Should().Be(Now);
        opened.Worker.Should().Be(command.Worker);
        decision.Events[1].Should().Be(new JkpClaimRecorded(Today, command.Contributions, command.Participation, command.Contract),
            "the claim is taken to be made on the intake day unless told, with the facts the entitlement is decided on");
        CounselingCase.Evolve(null, opened)!.Stage.Should().Be(CaseStage.Intake);
    }

    [Theory]
    [InlineData(TerminationReason.Resignation)]
    [InlineData(TerminationReason.Retirement)]
    [InlineData(TerminationReason.Death)]
    [InlineData(TerminationReason.PermanentTotalDisability)]
    public void A_termination_that_does_not_qualify_for_JKP_is_refused(TerminationReason reason)
    {
        var decision = CounselingCase.Decide(null, OpenCaseCommand(reason), Now);

        decision.Refusal!.Kind.Should().Be(RefusalKind.NotAllowed);
        decision.Refusal.Field.Should().Be("employment.terminationReason");
        decision.Refusal.Reason.Should().Contain(reason.ToString());
        decision.Events.Should().BeEmpty();
    }

    [Fact]
    public void Too_few_contribution_months_are_refused()
    {
        // Fewer than 12 months in all cannot hold 12 within the last 24 (PP 37/2021 Pasal 19).
        var decision = CounselingCase.Decide(null, OpenCaseCommand(contributionMonths: 11), Now);

        decision.Refusal!.Kind.Should().Be(RefusalKind.NotAllowed);
        decision.Refusal.Field.Should().Be("contributionMonths");
        decision.Refusal.Reason.Should().Contain("PP 37/2021 Pasal 19");
    }

    [Fact]
    public void A_termination_date_in_the_future_is_invalid()
    {
        var command = OpenCaseCommand() with
        {
            Employment = Employment() with { TerminationDate = Wib.DateOf(Now).AddDays(1) },
        };

        var decision = CounselingCase.Decide(null, command, Now);

        decision.Refusal!.Kind.Should().Be(RefusalKind.InvalidInput);
        decision.Refusal.Field.Should().Be("employment.terminationDate");
    }

    [Fact]
    public void A_birth_date_in_the_future_is_invalid()
    {
        var command = OpenCaseCommand() with { Worker = Worker() with { BirthDate = Wib.DateOf(Now).AddDays(3).ToString("yyyy-MM-dd") } };

        CounselingCase.Decide(null, command, Now).Refusal!.Field.Should().Be("worker.birthDate");
    }
}
