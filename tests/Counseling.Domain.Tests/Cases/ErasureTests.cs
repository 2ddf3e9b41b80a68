using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Closure;
using Counseling.Domain.Cases.Erasure;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

public class ErasureTests
{
    [Fact]
    public void Erasing_records_the_request_and_leaves_the_journey_as_it_was()
    {
        var current = OpenedCase();

        var decision = current.Decide(new EraseWorkerPersonalData("PDP-2026-0042"), Now);

        var erased = decision.Events.Should().ContainSingle().Which.Should().BeOfType<WorkerPersonalDataErased>().Subject;
        erased.Should().Be(new WorkerPersonalDataErased("PDP-2026-0042", Today));
        var next = CounselingCase.Evolve(current, erased)!;
        next.PersonalDataErasedOn.Should().Be(Today);
        next.Stage.Should().Be(current.Stage);
    }

    [Fact]
    public void A_closed_case_is_erased_too()
    {
        var closed = CounselingCase.Evolve(OpenedCase(), new CaseClosed(ClosureReason.Withdrew, Today, ""))!;

        closed.Decide(new EraseWorkerPersonalData("PDP-1"), Now).IsRefused.Should().BeFalse();
    }

    [Fact]
    public void Erasing_twice_is_a_conflict()
    {
        var erased = CounselingCase.Evolve(OpenedCase(), new WorkerPersonalDataErased("PDP-1", Today))!;

        var decision = erased.Decide(new EraseWorkerPersonalData("PDP-2"), Now);

        decision.Refusal!.Kind.Should().Be(RefusalKind.Conflict);
        decision.Events.Should().BeEmpty();
    }
}
