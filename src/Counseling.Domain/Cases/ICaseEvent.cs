using Counseling.Domain.Cases.Benefit;

namespace Counseling.Domain.Cases;

// Every event is a fact about one case, in the past tense, declared beside the decision of the step that records it
// (Cases/<Step>/<Step>.cs, in this namespace, the one events were first stored under). Once stored, an event's shape
// never changes: a new shape gets a new event (or an upcaster, or an optional member), so old streams stay readable.

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

/// <summary>
/// An event of a case's stream that changes what the JKP benefit is decided on: it says how, beside its declaration, as
/// an <see cref="ICaseEvent"/> does for the case, so that a step changing the benefit is still its two files.
/// <see cref="BenefitHistory.Evolve"/> asks each event (the intake's <see cref="CaseOpened"/> starts the history), and
/// <see cref="BenefitHistory.EventTypes"/>, what the outcome report loads, is every type that implements this.
/// </summary>
public interface IBenefitEvent
{
    /// <summary>
    /// The history after this event; the same instance when the event changes nothing (the case and the outcome report
    /// skip re-deciding the benefit then).
    /// </summary>
    BenefitHistory Apply(BenefitHistory current);
}

/// <summary>A referral of either kind: what its outcomes are recorded against.</summary>
public interface IReferralMade
{
    Guid ReferralId { get; }
}
