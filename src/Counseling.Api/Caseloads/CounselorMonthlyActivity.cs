using Counseling.Api.Access;
using Counseling.Api.Audit;
using Counseling.Domain.Cases;
using JasperFx.Events;
using JasperFx.Events.Grouping;
using Marten;
using Marten.Events.Projections;

namespace Counseling.Api.Caseloads;

/// <summary>A counselor's work in one month (WIB), credited to the counselor who recorded it.</summary>
public sealed class CounselorMonthlyActivity
{
    /// <summary>"c-001/2026-03"</summary>
    public string Id { get; set; } = "";

    public int SessionsLogged { get; set; }

    public static string IdFor(string counselorId, DateOnly dayInMonth) => $"{counselorId}/{dayInMonth:yyyy-MM}";
}

public sealed partial class CounselorMonthlyActivityProjection : MultiStreamProjection<CounselorMonthlyActivity, string>
{
    public const string ProjectionName = "CounselorMonthlyActivity";

    public CounselorMonthlyActivityProjection()
    {
        Name = ProjectionName;
        IncludeType<CounselingSessionLogged>();
        CustomGrouping(GroupByCounselorAndMonth);
    }

    /// <summary>
    /// Only the case's counselor records sessions, and every event says who recorded it (see AuditTrail): that names
    /// the counselor without another query. Sessions recorded otherwise (bulk loads) fall back to the case's history.
    /// </summary>
    private static async Task GroupByCounselorAndMonth(IQuerySession session, IReadOnlyList<IEvent> events, IEventGrouping<string> grouping)
    {
        var sessions = events.Where(e => e.Data is CounselingSessionLogged).ToList();
        var unattributed = sessions.Where(e => RecordingCounselor(e) is null).ToList();
        var histories = unattributed.Count == 0 ? null : await CaseHistory.LoadAsync(session, unattributed);
        foreach (var e in sessions) grouping.AddEvent(MonthIdOf(e, histories), e);
    }

    /// <summary>
    /// The counselor month a logged session counts in; <paramref name="histories"/> (of its case) is needed only when
    /// the session was not recorded by a counselor (see <see cref="RecordingCounselor"/>).
    /// </summary>
    public static string MonthIdOf(IEvent e, IReadOnlyDictionary<Guid, CaseHistory>? histories)
    {
        var counselorId = RecordingCounselor(e) ?? histories![e.StreamId].CounselorAt(e.Version);
        return CounselorMonthlyActivity.IdFor(counselorId, Wib.DateOf(((CounselingSessionLogged)e.Data).HeldAt));
    }

    public static string? RecordingCounselor(IEvent e) =>
        e.GetHeader(AuditTrail.RoleHeader)?.ToString() == Caller.RoleName(Role.Counselor) ? e.UserName : null;

    public override CounselorMonthlyActivity? Evolve(CounselorMonthlyActivity? month, string id, IEvent e)
    {
        month ??= new CounselorMonthlyActivity { Id = id };
        if (e.Data is CounselingSessionLogged) month.SessionsLogged++;
        return month;
    }
}
