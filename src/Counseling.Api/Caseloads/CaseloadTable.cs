using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using Marten;
using Marten.Services.BatchQuerying;

namespace Counseling.Api.Caseloads;

/// <summary>
/// Counts over caseload entries, grouped in PostgreSQL on the duplicated columns (see <see cref="CaseloadStore"/>)
/// so only the counts travel, never the entries.
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
        var table = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(CaseloadEntry)).TableName.QualifiedName;
        // A row type without an Id comes back deserialized from the JSON the query builds.
        return batch.Query<Count>(
            $"""
             select jsonb_build_object('counselorId', counselor_id, 'stage', stage, 'cases', count(*),
                                       'overdue', count(*) filter (where next_follow_up_on < ?))
             from {table} where {column} = ? and is_open group by counselor_id, stage
             """,
            today, value);
    }

    public sealed record CaseCount(long Cases);

    /// <summary>
    /// The office's open cases whose benefit month running today is still short of its conditions with at most
    /// <see cref="JkpBenefit.AtRiskDays"/> days left: a month short of evidence ending within that week can only be the current one.
    /// </summary>
    public static Task<IReadOnlyList<CaseCount>> WithBenefitMonthAtRisk(IBatchedQuery batch, IQuerySession session, string officeId, DateOnly today)
    {
        var table = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(CaseloadEntry)).TableName.QualifiedName;
        return batch.Query<CaseCount>(
            $"""
             select jsonb_build_object('cases', count(*))
             from {table} as d where office_id = ? and is_open and {FollowUpsEndpoint.BenefitMonthsDueSql}
             """,
            officeId, today, today.AddDays(JkpBenefit.AtRiskDays - 1));
    }

    public static Dictionary<string, int> ByStage(IEnumerable<Count> counts) =>
        OpenStages.ToDictionary(QueryParameters.JsonName, stage => (int)counts.Where(c => c.Stage == stage).Sum(c => c.Cases));
}
