using Counseling.Domain.Cases.Reassignment;
using Counseling.Domain.Counselors;

// The step's events are declared in Counseling.Domain.Cases, the namespace they were stored under; its command and
// decision below.

namespace Counseling.Domain.Cases
{
    public sealed record CaseReassigned(string FromCounselorId, string ToCounselorId, [property: PersonalData] string Reason, DateOnly On) : ICaseEvent, INarrated
    {
        public CounselingCase Apply(CounselingCase current) => current with { CounselorId = ToCounselorId };

        public Narration Narrate() => Narration.Of("Narrative.Reassigned", On, FromCounselorId, ToCounselorId, Reason);
    }
}

namespace Counseling.Domain.Cases.Reassignment
{
    /// <summary>Hand the case to <paramref name="ToCounselorId"/>; <paramref name="To"/> is their registration, null when there is none.</summary>
    public sealed record ReassignCase(string ToCounselorId, CounselorOnRecord? To, string Reason) : ICaseCommand
    {
        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Reassign(this, now);

        /// <summary>Why no case of <paramref name="officeId"/> can go to this counselor, or null when cases may.</summary>
        public static Refusal? TargetRefusal(string toCounselorId, CounselorOnRecord? to, string officeId) => to switch
        {
            null => Refusal.NotFound("counselorId", Why.NoSuchCounselor, toCounselorId),
            // A case moves between offices only by a transfer, which both offices' supervisors agree to.
            _ when to.OfficeId != officeId => Refusal.NotAllowed("counselorId", Why.ReassignWithinOffice, to.Id, to.OfficeId, officeId),
            _ => null,
        };
    }

    internal static class ReassignmentDecisions
    {
        internal static Decision Reassign(this CounselingCase current, ReassignCase command, DateTimeOffset now)
        {
            if (current.MustBeOpen(Why.ToReassign) is { } closed) return closed;
            if (ReassignCase.TargetRefusal(command.ToCounselorId, command.To, current.OfficeId) is { } badTarget) return badTarget;
            if (command.To!.Id == current.CounselorId)
                return Refusal.Conflict(Why.AlreadyAssigned, current.CounselorId);

            return Decision.Accept(new CaseReassigned(current.CounselorId, command.To.Id, command.Reason, Wib.DateOf(now)));
        }
    }
}
