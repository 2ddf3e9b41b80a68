namespace Counseling.Domain.Cases;

/// <summary>
/// A step of the journey asked of an existing case. Each command decides on the case's current state; callers go
/// through <see cref="CounselingCase.Decide(CounselingCase?, object, DateTimeOffset)"/>, the one entry point.
/// </summary>
public interface ICaseCommand
{
    Decision Decide(CounselingCase current, DateTimeOffset now);
}
