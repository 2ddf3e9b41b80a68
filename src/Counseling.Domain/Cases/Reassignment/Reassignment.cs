namespace Counseling.Domain.Cases.Reassignment;

public sealed record ReassignCase(string ToCounselorId, string Reason);

public static class ReassignmentDecisions
{
    public static Decision Reassign(this CounselingCase current, ReassignCase command, DateTimeOffset now)
    {
        if (current.MustBeOpen("reassigning it") is { } closed) return closed;
        if (command.ToCounselorId == current.CounselorId)
            return Refusal.Conflict($"The case is already assigned to {current.CounselorId}.");

        return Decision.Accept(new CaseReassigned(current.CounselorId, command.ToCounselorId, command.Reason, Wib.DateOf(now)));
    }
}
