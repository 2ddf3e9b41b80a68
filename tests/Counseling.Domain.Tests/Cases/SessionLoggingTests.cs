using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Sessions;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

public class SessionLoggingTests
{
    private static LogSession Session(DateTimeOffset heldAt, DateOnly? nextFollowUpOn = null) =>
        new(Guid.NewGuid(), heldAt, SessionMode.InPerson, 45,
            [SessionTopic.SelfAssessmentResults, SessionTopic.LabourMarketInformation],
            "Membahas hasil asesmen diri dan lowongan operator di Cikarang.", nextFollowUpOn);

    [Fact]
    public void A_logged_session_counts_as_contact_and_sets_the_next_follow_up()
    {
        var current = OpenedCase();
        var heldAt = Now.AddHours(-2);
        var followUp = Wib.DateOf(Now).AddDays(7);

        var decision = current.Decide(Session(heldAt, followUp), Now);

        var logged = decision.Events.Should().ContainSingle().Which.Should().BeOfType<CounselingSessionLogged>().Subject;
        var next = CounselingCase.Evolve(current, logged)!;
        next.SessionsCount.Should().Be(1);
        next.LastContactAt.Should().Be(heldAt);
        next.NextFollowUpOn.Should().Be(followUp);
    }

    [Fact]
    public void A_late_entry_for_an_earlier_session_does_not_move_last_contact_back()
    {
        var current = OpenedCase();
        var recent = CounselingCase.Evolve(current, current.Decide(Session(Now.AddHours(-1)), Now).Events[0])!;

        var older = CounselingCase.Evolve(recent, recent.Decide(Session(Now.AddDays(-2)), Now).Events[0])!;

        older.SessionsCount.Should().Be(2);
        older.LastContactAt.Should().Be(Now.AddHours(-1));
    }

    [Fact]
    public void A_session_in_the_future_is_invalid()
    {
        var decision = OpenedCase().Decide(Session(Now.AddMinutes(30)), Now);

        decision.Refusal!.Field.Should().Be("heldAt");
        decision.Events.Should().BeEmpty();
    }

    [Fact]
    public void A_session_before_the_case_was_opened_is_invalid()
    {
        var decision = OpenedCase(openedAt: Now.AddDays(-1)).Decide(Session(Now.AddDays(-3)), Now);

        decision.Refusal!.Kind.Should().Be(RefusalKind.InvalidInput);
        decision.Refusal.Field.Should().Be("heldAt");
    }

    [Fact]
    public void The_next_follow_up_must_come_after_the_session_day()
    {
        var heldAt = Now.AddHours(-1);

        var decision = OpenedCase().Decide(Session(heldAt, Wib.DateOf(heldAt)), Now);

        decision.Refusal!.Field.Should().Be("nextFollowUpOn");
    }

    [Fact]
    public void The_intake_meeting_itself_may_be_logged_as_a_session_earlier_on_the_opening_day()
    {
        var openedAt = Now.AddHours(-1);

        var decision = OpenedCase(openedAt: openedAt).Decide(Session(openedAt.AddMinutes(-45)), Now);

        decision.IsRefused.Should().BeFalse();
    }
}
