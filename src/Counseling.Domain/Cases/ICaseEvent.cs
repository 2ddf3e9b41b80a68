namespace Counseling.Domain.Cases;

/// <summary>
/// An event of a case's stream that changes the case's state: it says how, beside its declaration, so that a step's
/// file holds its command, its decision, its events and how the case applies them. <see cref="CounselingCase.Evolve"/>
/// asks each event; an event that does not implement this (the JKP claim's, the benefit's) leaves the case's steps as
/// they were.
/// </summary>
public interface ICaseEvent
{
    /// <summary>The case after this event.</summary>
    CounselingCase Apply(CounselingCase current);
}
