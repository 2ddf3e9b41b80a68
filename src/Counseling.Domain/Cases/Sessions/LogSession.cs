namespace Counseling.Domain.Cases.Sessions;

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
        if (current.MustBeOpen("logging a session") is { } closed) return closed;
        if (command.HeldAt > now)
            return Refusal.Invalid("heldAt", "A session cannot be logged before it is held: heldAt is in the future.");
        // By the day: the intake is often typed in after the first meeting, which is then logged as its session.
        if (Wib.DateOf(command.HeldAt) < current.OpenedOn)
            return Refusal.Invalid("heldAt", $"The session is dated before the case was opened on {current.OpenedOn:yyyy-MM-dd}.");
        if (command.NextFollowUpOn is { } followUp && followUp <= Wib.DateOf(command.HeldAt))
            return Refusal.Invalid("nextFollowUpOn", "The next follow-up must fall after the day of the session.");

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
