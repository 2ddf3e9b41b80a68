using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using Marten;
using Marten.Services.BatchQuerying;

namespace Counseling.Api.Caseloads;

/// <summary>
/// The caseload and dashboard counts, summed from the counts kept as the entries change (see <see cref="CaseloadCounts"/>):
/// a few rows per counselor, never the entries, so a read costs the same right after a burst of writes as after a vacuum.
/// </summary>
public static class CaseloadTable
{
    /// <summary>The stages an open case can be in, in journey order.</summary>
    public static readonly CaseStage[] OpenStages = [.. System.Enum.GetValues<CaseStage>().Where(s => s != CaseStage.Closed)];

    public sealed record Count(string CounselorId, CaseStage Stage, long Cases, long Overdue);

    /// <summary>Open cases by counselor and stage, with how many of them have a follow-up before today; answered once the batch has run.</summary>
    public static Task<IReadOnlyList<Count>> OfCounselor(IBatchedQuery batch, IQuerySession session, string counselorId, DateOnly today) =>
        OpenCases(batch, session, "counselor_id", counselorId, today);

    public static Task<IReadOnlyList<Count>> OfOffice(IBatchedQuery batch, IQuerySession session, string officeId, DateOnly today) =>
        OpenCases(batch, session, "office_id", officeId, today);

    private static Task<IReadOnlyList<Count>> OpenCases(
        IBatchedQuery batch, IQuerySession session, string column, string value, DateOnly today)
    {
        // A row type without an Id comes back deserialized from the JSON the query builds. A case without a follow-up is
        // counted on 'infinity', never before today.
        return batch.Query<Count>(
            $"""
             select jsonb_build_object('counselorId', counselor_id, 'stage', stage, 'cases', sum(cases),
                                       'overdue', coalesce(sum(cases) filter (where follow_up_on < ?), 0))
             from {CaseloadCounts.Qualified(session, CaseloadCounts.CountsTable)} where {column} = ? group by counselor_id, stage
             """,
            today, value);
    }

    public sealed record CaseCount(long Cases);

    /// <summary>
    /// The office's open cases whose benefit month running today is still short of its conditions with at most
    /// <see cref="JkpBenefit.AtRiskDays"/> days left: a month short of evidence ending within that week can only be the current one,
    /// so the cases are the sum of the last days counted in that week.
    /// </summary>
    public static Task<IReadOnlyList<CaseCount>> WithBenefitMonthAtRisk(IBatchedQuery batch, IQuerySession session, string officeId, DateOnly today)
    {
        return batch.Query<CaseCount>(
            $"""
             select jsonb_build_object('cases', coalesce(sum(cases), 0))
             from {CaseloadCounts.Qualified(session, CaseloadCounts.BenefitEvidenceDueTable)} where office_id = ? and due_on between ? and ?
             """,
            officeId, today, today.AddDays(JkpBenefit.AtRiskDays - 1));
    }

    public static Dictionary<string, int> ByStage(IEnumerable<Count> counts) =>
        OpenStages.ToDictionary(QueryParameters.JsonName, stage => (int)counts.Where(c => c.Stage == stage).Sum(c => c.Cases));
}
