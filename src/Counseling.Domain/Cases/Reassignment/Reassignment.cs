using Counseling.Domain.Counselors;

namespace Counseling.Domain.Cases.Reassignment;

/// <summary>Hand the case to <paramref name="ToCounselorId"/>; <paramref name="To"/> is their registration, null when there is none.</summary>
public sealed record ReassignCase(string ToCounselorId, CounselorOnRecord? To, string Reason) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Reassign(this, now);

    /// <summary>Why no case of <paramref name="officeId"/> can go to this counselor, or null when cases may.</summary>
    public static Refusal? TargetRefusal(string toCounselorId, CounselorOnRecord? to, string officeId) => to switch
    {
        null => Refusal.NotFound("counselorId", $"There is no registered counselor {toCounselorId}."),
        // A case moves between offices only by a transfer, which both offices' supervisors agree to.
        _ when to.OfficeId != officeId => Refusal.NotAllowed(
            $"{to.Id} works at office {to.OfficeId}: a case is reassigned within its office ({officeId}).", "counselorId"),
        _ => null,
    };
}

internal static class ReassignmentDecisions
{
    internal static Decision Reassign(this CounselingCase current, ReassignCase command, DateTimeOffset now)
    {
        if (current.MustBeOpen("reassigning it") is { } closed) return closed;
        if (ReassignCase.TargetRefusal(command.ToCounselorId, command.To, current.OfficeId) is { } badTarget) return badTarget;
        if (command.To!.Id == current.CounselorId)
            return Refusal.Conflict($"The case is already assigned to {current.CounselorId}.");

        return Decision.Accept(new CaseReassigned(current.CounselorId, command.To.Id, command.Reason, Wib.DateOf(now)));
    }
}
