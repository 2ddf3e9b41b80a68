using Counseling.Api.Access;
using Counseling.Api.ReferenceData;

namespace Counseling.Api.Caseloads;

/// <summary>
/// Who may see which caseload: a counselor their own, a supervisor those of their office's counselors, an auditor
/// all. Dashboards are for the office's supervisors and for auditors. Each check returns the 403 problem, or null.
/// </summary>
public static class CaseloadAccess
{
    public static ProblemDetails? ToCaseload(Caller caller, Counselor counselor) => caller.Role switch
    {
        Role.Auditor => null,
        Role.Supervisor when caller.OfficeId == counselor.OfficeId => null,
        Role.Counselor when caller.UserId == counselor.Id => null,
        Role.Counselor => CaseAccess.Problem("A counselor sees their own caseload only."),
        _ => CaseAccess.Problem("A supervisor sees the caseloads of their own office only."),
    };

    public static ProblemDetails? ToDashboard(Caller caller, Office office) => caller.Role switch
    {
        Role.Auditor => null,
        Role.Supervisor when caller.OfficeId == office.Id => null,
        _ => CaseAccess.Problem("A supervisor sees the dashboard of their own office only."),
    };
}
