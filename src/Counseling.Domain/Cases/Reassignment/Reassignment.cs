using Counseling.Domain.Counselors;

namespace Counseling.Domain.Cases.Reassignment;

/// <summary>Hand the case to <paramref name="ToCounselorId"/>; <paramref name="To"/> is their registration, null when there is none.</summary>
public sealed record ReassignCase(string ToCounselorId, CounselorOnRecord? To, string Reason) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Reassign(this, now);
}

internal static class ReassignmentDecisions
{
    internal static Decision Reassign(this CounselingCase current, ReassignCase command, DateTimeOffset now)
    {
        if (current.MustBeOpen("reassigning it") is { } closed) return closed;
        if (command.To is not { } target)
            return Refusal.NotFound("counselorId", $"There is no registered counselor {command.ToCounselorId}.");
        if (target.Id == current.CounselorId)
            return Refusal.Conflict($"The case is already assigned to {current.CounselorId}.");
        // A case moves between offices only by a transfer, which both offices' supervisors agree to.
        if (target.OfficeId != current.OfficeId)
            return Refusal.NotAllowed(
                $"{target.Id} works at office {target.OfficeId}: a case is reassigned within its office ({current.OfficeId}).", "counselorId");

        return Decision.Accept(new CaseReassigned(current.CounselorId, target.Id, command.Reason, Wib.DateOf(now)));
    }
}
