using Counseling.Api.Caseloads;
using Marten;

namespace Counseling.Api.Audit.Verification;

/// <summary>
/// The counts kept beside the caseload entries (see <see cref="CaseloadCounts"/>) equal a recount of the open entries, row
/// for row; the entries themselves are compared with the events by <see cref="AsyncProjectionCheck"/>. One statement, so
/// one snapshot: the trigger moves the counts in the transaction that writes the entry, and writes arriving meanwhile
/// make no false mismatch.
/// </summary>
public sealed class CaseloadCountsCheck : IProjectionCheck
{
    public string ProjectionName => "caseload counts";

    public async Task<long> CheckAsync(IQuerySession session, Action<Mismatch> report, CancellationToken cancellation)
    {
        var entries = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(CaseloadEntry)).TableName.QualifiedName;
        var cases = CaseloadCounts.Qualified(session, CaseloadCounts.CountsTable);
        var due = CaseloadCounts.Qualified(session, CaseloadCounts.BenefitEvidenceDueTable);
        var rows = await session.QueryAsync<CountRow>(
            $"""
             with kept_cases as (select office_id, counselor_id, stage, follow_up_on, cases from {cases}),
                  counted_cases as ({CaseloadCounts.RecountedCases(entries)}),
                  kept_due as (select office_id, due_on, cases from {due}),
                  counted_due as ({CaseloadCounts.RecountedBenefitEvidenceDue(entries)})
             select jsonb_build_object('what', 'open cases of office ' || coalesce(k.office_id, c.office_id) || ', counselor '
                                               || coalesce(k.counselor_id, c.counselor_id) || ', stage ' || coalesce(k.stage, c.stage)
                                               || ', next follow-up ' || coalesce(k.follow_up_on, c.follow_up_on),
                                       'kept', k.cases, 'counted', c.cases)
             from kept_cases k full join counted_cases c using (office_id, counselor_id, stage, follow_up_on)
             union all
             select jsonb_build_object('what', 'open cases of office ' || coalesce(k.office_id, c.office_id)
                                               || ' with a benefit month ending ' || coalesce(k.due_on, c.due_on) || ' short of its conditions',
                                       'kept', k.cases, 'counted', c.cases)
             from kept_due k full join counted_due c using (office_id, due_on)
             """,
            cancellation);

        foreach (var row in rows.Where(r => r.Kept != r.Counted))
            report(new Mismatch(MismatchKind.ProjectionDiffers, Guid.Empty, null, null,
                $"The kept {row.What}: {row.Kept ?? 0}, the entries count {row.Counted ?? 0}."));
        return rows.Count;
    }

    // A row type without an Id comes back deserialized from the JSON the query builds.
    private sealed record CountRow(string What, int? Kept, int? Counted);
}
