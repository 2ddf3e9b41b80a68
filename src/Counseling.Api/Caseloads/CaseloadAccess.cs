using Counseling.Api.Localization;
using System.Security.Claims;
using Counseling.Domain.Cases;
using Marten;
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
        Role.Counselor => CaseAccess.Problem(Texts.Get("Access.OwnCaseload")),
        _ => CaseAccess.Problem(Texts.Get("Access.OwnOfficeCaseloads")),
    };

    public static ProblemDetails? ToDashboard(Caller caller, Office office) => caller.Role switch
    {
        Role.Auditor => null,
        Role.Supervisor when caller.OfficeId == office.Id => null,
        _ => CaseAccess.Problem(Texts.Get("Access.OwnOfficeDashboard")),
    };
}

/// <summary>
/// What a counselor's dated list (follow-ups, worklist) covers: the counselor and the period from..to (by default the
/// coming <paramref name="DefaultDays"/> days), once the query and the caller's access to that caseload are checked.
/// </summary>
public sealed record CounselorPeriod(Counselor Counselor, DateOnly First, DateOnly Last, DateOnly Today)
{
    public static async Task<(CounselorPeriod? Period, IResult? Refusal)> OpenAsync(
        string id, string? from, string? to, int defaultDays, int maxDays,
        IQuerySession session, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellation)
    {
        var today = Wib.DateOf(clock.GetUtcNow());
        var query = new QueryParameters();
        var first = query.Date("from", from, today);
        var last = query.Date("to", to, first.AddDays(defaultDays - 1));
        query.Period(first, last, maxDays);
        if (query.Problem is { } problem) return (null, problem);

        var counselor = await session.LoadAsync<Counselor>(id, cancellation);
        if (counselor is null) return (null, ReferenceProblems.Unknown("counselor", id));
        if (CaseloadAccess.ToCaseload(Caller.From(user)!, counselor) is { } forbidden) return (null, Results.Problem(forbidden));
        return (new CounselorPeriod(counselor, first, last, today), null);
    }
}
