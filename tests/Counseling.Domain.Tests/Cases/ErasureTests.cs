using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Closure;
using Counseling.Domain.Cases.Erasure;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

/// <summary>An erasure (UU 27/2022) is taken in by one person and carried out when another approves it.</summary>
public class ErasureTests
{
    private static CounselingCase Requested(CounselingCase current, string by = "adm-001") =>
        CounselingCase.Evolve(current, current.Decide(new RequestWorkerPersonalDataErasure("PDP-2026-0042", by), Now).Events.Single())!;

    [Fact]
    public void A_request_is_recorded_and_erases_nothing_yet()
    {
        var current = OpenedCase();

        var decision = current.Decide(new RequestWorkerPersonalDataErasure("PDP-2026-0042", "adm-001"), Now);

        decision.Events.Should().Equal(new WorkerPersonalDataErasureRequested("PDP-2026-0042", "adm-001", Today));
        var next = CounselingCase.Evolve(current, decision.Events.Single())!;
        next.PersonalDataErasedOn.Should().BeNull();
        next.PendingErasure.Should().Be(new PendingErasure("PDP-2026-0042", "adm-001", Today));
    }

    [Fact]
    public void Another_administrators_approval_records_the_approval_and_the_erasure_and_leaves_the_journey_as_it_was()
    {
        var current = Requested(OpenedCase());

        var decision = current.Decide(new ApproveWorkerPersonalDataErasure("PDP-2026-0042", "adm-002"), Now);

        decision.Events.Should().Equal(
            new WorkerPersonalDataErasureApproved("PDP-2026-0042", "adm-002", Today),
            new WorkerPersonalDataErased("PDP-2026-0042", Today));
        var next = decision.Events.Aggregate(current, (c, e) => CounselingCase.Evolve(c, e)!);
        next.PersonalDataErasedOn.Should().Be(Today);
        next.PendingErasure.Should().BeNull();
        next.Stage.Should().Be(current.Stage);
    }

    [Fact]
    public void The_requester_approving_their_own_request_is_not_allowed()
    {
        var decision = Requested(OpenedCase()).Decide(new ApproveWorkerPersonalDataErasure("PDP-2026-0042", "adm-001"), Now);

        decision.Refusal!.Kind.Should().Be(RefusalKind.NotAllowed);
        decision.Events.Should().BeEmpty();
    }

    [Fact]
    public void An_approval_without_a_request_or_naming_another_request_is_a_conflict()
    {
        OpenedCase().Decide(new ApproveWorkerPersonalDataErasure("PDP-1", "adm-002"), Now).Refusal!.Kind.Should().Be(RefusalKind.Conflict);
        Requested(OpenedCase()).Decide(new ApproveWorkerPersonalDataErasure("PDP-9", "adm-002"), Now).Refusal!.Kind.Should().Be(RefusalKind.Conflict);
    }

    [Fact]
    public void A_closed_case_is_erased_too()
    {
        var closed = CounselingCase.Evolve(OpenedCase(), new CaseClosed(ClosureReason.Withdrew, Today, ""))!;

        closed.Decide(new RequestWorkerPersonalDataErasure("PDP-1", "s-001"), Now).IsRefused.Should().BeFalse();
    }

    [Fact]
    public void Erasing_twice_and_a_second_request_while_one_waits_are_conflicts()
    {
        var erased = CounselingCase.Evolve(OpenedCase(), new WorkerPersonalDataErased("PDP-1", Today))!;
        var decision = erased.Decide(new RequestWorkerPersonalDataErasure("PDP-2", "adm-001"), Now);
        decision.Refusal!.Kind.Should().Be(RefusalKind.Conflict);
        decision.Events.Should().BeEmpty();

        Requested(OpenedCase()).Decide(new RequestWorkerPersonalDataErasure("PDP-3", "adm-002"), Now).Refusal!.Kind
            .Should().Be(RefusalKind.Conflict);
    }
}
