using Counseling.Api.Localization;
using Counseling.Domain.Cases;
using Marten;

namespace Counseling.Api.ReferenceData.Registration;

/// <summary>
/// A counselor moves to another office only once their open cases at the old one have been handed to its other
/// counselors (POST /cases/{id}/reassignment, by that office's supervisor). Otherwise the counselor's caseload, which
/// supervisors reach through the counselor's office, would show the new office's supervisor workers of the old office,
/// and the old office's supervisor would oversee cases whose counselor works elsewhere. Closed cases stay with the old
/// office: a counselor reaches only cases of the office they work at (CaseAccess), so a moved counselor cannot reopen
/// them.
/// </summary>
public static class OfficeMove
{
    public static async Task<ProblemDetails?> RefusalForAsync(
        string counselorId, string newOfficeId, IQuerySession session, CancellationToken cancellation)
    {
        var registered = await session.LoadAsync<Counselor>(counselorId, cancellation);
        if (registered is null || registered.OfficeId == newOfficeId) return null;

        // The case snapshots are kept in the same transaction as the events (inline), so a case opened a moment ago counts.
        var open = await session.Query<CounselingCase>()
            .Where(c => c.CounselorId == counselorId && c.OfficeId == registered.OfficeId && c.ClosedBecause == null)
            .CountAsync(cancellation);
        return open == 0 ? null : new ProblemDetails
        {
            Type = "https://jkp-counseling.example/problems/conflict",
            Title = Texts.Get("Problem.OpenCasesAtOffice"),
            Status = StatusCodes.Status409Conflict,
            Detail = Texts.Format("Problem.OpenCasesAtOffice.Detail", counselorId, open, registered.OfficeId, newOfficeId),
            Extensions = { ["field"] = "officeId", ["openCases"] = open },
        };
    }
}
