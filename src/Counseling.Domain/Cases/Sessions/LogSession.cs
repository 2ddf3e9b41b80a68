using Counseling.Domain.Cases.Sessions;

// The step's events are declared in Counseling.Domain.Cases, the namespace they were stored under; its command and
// decision below.

namespace Counseling.Domain.Cases
{
    /// <summary>A counselor met the worker (in person, by phone or by video) and wrote down what was covered.</summary>
    public sealed record CounselingSessionLogged(
        Guid SessionId,
        DateTimeOffset HeldAt,
        SessionMode Mode,
        int DurationMinutes,
        IReadOnlyList<SessionTopic> Topics,
        [property: PersonalData] string Notes,
        DateOnly? NextFollowUpOn) : ICaseEvent, INarrated
    {
        public CounselingCase Apply(CounselingCase current) => current with
        {
            NextFollowUpOn = NextFollowUpOn,
            SessionsCount = current.SessionsCount + 1,
            LastContactAt = CounselingCase.Latest(current.LastContactAt, HeldAt),
        };

        public Narration Narrate() => Narration.Of("Narrative.SessionLogged", Mode, DurationMinutes, HeldAt, Topics)
            .ThenOrStop(NextFollowUpOn is not null, "Narrative.NextFollowUp", NextFollowUpOn);
    }
}

namespace Counseling.Domain.Cases.Sessions
{
    public sealed record LogSession(
        Guid SessionId,
        DateTimeOffset HeldAt,
        SessionMode Mode,
        int DurationMinutes,
        IReadOnlyList<SessionTopic> Topics,
        string Notes,
        DateOnly? NextFollowUpOn) : ICaseCommand
    {
        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Log(this, now);
    }

    internal static class SessionLogging
    {
        internal static Decision Log(this CounselingCase current, LogSession command, DateTimeOffset now)
        {
            if (current.MustBeOpen(Why.ToLogSession) is { } closed) return closed;
            if (command.HeldAt > now)
                return Refusal.Invalid("heldAt", Why.SessionInFuture);
            // By the day: the intake is often typed in after the first meeting, which is then logged as its session.
            if (Wib.DateOf(command.HeldAt) < current.OpenedOn)
                return Refusal.Invalid("heldAt", Why.SessionBeforeCaseOpened, current.OpenedOn);
            if (command.NextFollowUpOn is { } followUp && followUp <= Wib.DateOf(command.HeldAt))
                return Refusal.Invalid("nextFollowUpOn", Why.FollowUpNotAfterSession);

            return Decision.Accept(new CounselingSessionLogged(
                command.SessionId,
                command.HeldAt,
                command.Mode,
                command.DurationMinutes,
                command.Topics,
                command.Notes,
                command.NextFollowUpOn));
        }
    }
}
