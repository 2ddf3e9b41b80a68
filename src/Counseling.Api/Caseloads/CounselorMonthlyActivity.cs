using Counseling.Domain.Cases;
using JasperFx.Events;
using JasperFx.Events.Grouping;
using Marten;
using Marten.Events.Projections;

namespace Counseling.Api.Caseloads;

/// <summary>A counselor's work in one month (WIB), credited to whoever held the case when the work was done.</summary>
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

    private static async Task GroupByCounselorAndMonth(IQuerySession session, IReadOnlyList<IEvent> events, IEventGrouping<string> grouping)
    {
        var sessions = events.Where(e => e.Data is CounselingSessionLogged).ToList();
        var histories = await CaseHistory.LoadAsync(session, sessions);
        foreach (var e in sessions)
        {
            var heldOn = Wib.DateOf(((CounselingSessionLogged)e.Data).HeldAt);
            grouping.AddEvent(CounselorMonthlyActivity.IdFor(histories[e.StreamId].CounselorAt(e.Version), heldOn), e);
        }
    }

    public override CounselorMonthlyActivity? Evolve(CounselorMonthlyActivity? month, string id, IEvent e)
    {
        month ??= new CounselorMonthlyActivity { Id = id };
        if (e.Data is CounselingSessionLogged) month.SessionsLogged++;
        return month;
    }
}
