using Counseling.Domain.Cases.Erasure;
using System.Globalization;

// The step's events are declared in Counseling.Domain.Cases, the namespace they were stored under; its command and
// decision below.

namespace Counseling.Domain.Cases
{
    /// <summary>
    /// Under UU 27/2022 the worker asked for their personal data to be erased: their identity and every free-text note
    /// of the case are now unreadable everywhere. The journey itself, and the statistics built on it, stay.
    /// </summary>
    public sealed record WorkerPersonalDataErased(string RequestReference, DateOnly On) : ICaseEvent
    {
        public CounselingCase Apply(CounselingCase current) => current with { PersonalDataErasedOn = On, PendingErasure = null };
    }

    /// <summary>
    /// A worker's erasure request under UU 27/2022 (Pasal 8, the right to have personal data erased) was taken in by
    /// <paramref name="RequestedBy"/>. Nothing is erased yet: an erasure cannot be undone, so a second person, an
    /// administrator other than the one who took it in, approves it first (<see cref="WorkerPersonalDataErasureApproved"/>).
    /// </summary>
    public sealed record WorkerPersonalDataErasureRequested(string RequestReference, string RequestedBy, DateOnly On) : ICaseEvent
    {
        public CounselingCase Apply(CounselingCase current) => current with
        {
            PendingErasure = new PendingErasure(RequestReference, RequestedBy, On),
        };
    }

    /// <summary>
    /// An administrator other than the requester approved the pending erasure request; <see cref="WorkerPersonalDataErased"/>
    /// is appended with it. Cases erased before approvals existed have only the erasure.
    /// </summary>
    public sealed record WorkerPersonalDataErasureApproved(string RequestReference, string ApprovedBy, DateOnly On);
}

namespace Counseling.Domain.Cases.Erasure
{
    /// <summary>An erasure request under UU 27/2022 that is awaiting a second person's approval.</summary>
    public sealed record PendingErasure(string RequestReference, string RequestedBy, DateOnly RequestedOn);

    /// <summary>Takes in a worker's erasure request (UU 27/2022 Pasal 8); it is carried out once approved.</summary>
    public sealed record RequestWorkerPersonalDataErasure(string RequestReference, string RequestedBy) : ICaseCommand
    {
        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.RequestErasure(this, now);
    }

    /// <summary>Approves the pending erasure request: the worker's personal data is erased now.</summary>
    public sealed record ApproveWorkerPersonalDataErasure(string RequestReference, string ApprovedBy) : ICaseCommand
    {
        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.ApproveErasure(this, now);
    }

    internal static class ErasureDecisions
    {
        /// <summary>A legal obligation, so a closed case is erased too; erasing twice is refused, and so is a second request while one waits.</summary>
        internal static Decision RequestErasure(this CounselingCase current, RequestWorkerPersonalDataErasure command, DateTimeOffset now) =>
            current.PersonalDataErasedOn is { } erasedOn ? Refusal.Conflict(Why.AlreadyErased, erasedOn)
            : current.PendingErasure is { } pending
                ? Refusal.Conflict(Why.ErasureAlreadyRequested, pending.RequestReference, pending.RequestedOn, pending.RequestedBy)
                : Decision.Accept(new WorkerPersonalDataErasureRequested(command.RequestReference, command.RequestedBy, Wib.DateOf(now)));

        /// <summary>
        /// Four eyes: the approver is not the requester. The approval names the request it approves, so that the one
        /// reviewed is the one carried out.
        /// </summary>
        internal static Decision ApproveErasure(this CounselingCase current, ApproveWorkerPersonalDataErasure command, DateTimeOffset now)
        {
            if (current.PersonalDataErasedOn is { } erasedOn) return Refusal.Conflict(Why.AlreadyErased, erasedOn);
            if (current.PendingErasure is not { } pending) return Refusal.Conflict(Why.NoErasureRequested);
            if (pending.RequestReference != command.RequestReference)
                return Refusal.Conflict(Why.OtherErasureRequested, pending.RequestReference, command.RequestReference);
            if (pending.RequestedBy == command.ApprovedBy)
                return Refusal.NotAllowed(null, Why.ErasureNeedsSecondPerson, pending.RequestedBy, pending.RequestReference);
            var day = Wib.DateOf(now);
            return Decision.Accept(
                new WorkerPersonalDataErasureApproved(pending.RequestReference, command.ApprovedBy, day),
                new WorkerPersonalDataErased(pending.RequestReference, day));
        }
    }
}
