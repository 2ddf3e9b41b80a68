using Counseling.Api.ReferenceData;
using Counseling.Api.Infrastructure;
using Marten;

namespace Counseling.Api.Caseloads;

public static class CaseloadStore
{
    /// <summary>
    /// The projections behind the caseload views, run by the async daemon as members of the composite of every
    /// asynchronous projection (<see cref="AsyncViews"/>), and the reference data they name.
    /// </summary>
    public static void AddCaseloads(this StoreOptions options)
    {
        options.AddAsyncView<CaseloadProjection>();
        options.AddAsyncView<OfficeDailyStatisticsProjection>();
        options.AddAsyncView<CounselorMonthlyActivityProjection>();

        // Real columns for what the views filter, sort and group on (CaseloadTable's SQL names them), declared on the
        // mapping itself: Duplicate() would also give each one an index of its own, which no query uses and every
        // caseload update would have to write.
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(CaseloadEntry)) return;
            foreach (var member in (string[])[nameof(CaseloadEntry.CounselorId), nameof(CaseloadEntry.OfficeId), nameof(CaseloadEntry.Stage),
                         nameof(CaseloadEntry.IsOpen), nameof(CaseloadEntry.NextFollowUpOn), nameof(CaseloadEntry.OpenedOn)])
                mapping.DuplicateField(member);
            // The last days of the benefit months still short of their conditions, as a date[] beside the document: the
            // dashboard's at-risk count and the follow-ups read it without opening each entry's JSON.
            mapping.DuplicateField(nameof(CaseloadEntry.BenefitEvidenceDue), pgType: "date[]");
        });
        options.Schema.For<CaseloadEntry>()
            // A counselor's caseload page, in its order (next follow-up, intake date), straight from one index: without
            // it PostgreSQL read every open entry (thousands, each a large document) to sort them.
            .Index([x => x.CounselorId, x => x.NextFollowUpOn!, x => x.OpenedOn, x => x.Id], index =>
            {
                index.Name = "mt_doc_caseloadentry_idx_caseload_page";
                index.Predicate = "is_open";
            })
            // The counts of CaseloadTable (open cases by stage and overdue follow-ups, of a counselor or of an office)
            // read from these alone, never from the entries (docs/decisions/caseload-count-indexes.md).
            .Index([x => x.CounselorId, x => x.Stage, x => x.NextFollowUpOn!], index =>
            {
                index.Name = "mt_doc_caseloadentry_idx_counselor_counts";
                index.Predicate = "is_open";
            })
            .Index([x => x.OfficeId, x => x.CounselorId, x => x.Stage, x => x.NextFollowUpOn!], index =>
            {
                index.Name = "mt_doc_caseloadentry_idx_office_counts";
                index.Predicate = "is_open";
            });
        options.Schema.For<OfficeDailyStatistics>().Duplicate(x => x.OfficeId).Duplicate(x => x.Day);

        options.Schema.For<Office>();
        options.Schema.For<Counselor>().Duplicate(x => x.OfficeId);
    }
}
