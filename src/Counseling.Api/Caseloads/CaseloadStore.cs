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

        // Real columns for what the views filter and sort on and the kept counts count (the caseload queries and
        // CaseloadCounts' trigger name them), declared on the mapping itself: Duplicate() would also give each one an
        // index of its own, which no query uses and every caseload update would have to write.
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(CaseloadEntry)) return;
            foreach (var member in (string[])[nameof(CaseloadEntry.CounselorId), nameof(CaseloadEntry.OfficeId), nameof(CaseloadEntry.Stage),
                         nameof(CaseloadEntry.IsOpen), nameof(CaseloadEntry.NextFollowUpOn), nameof(CaseloadEntry.OpenedOn)])
                mapping.DuplicateField(member);
            // The last days of the benefit months still short of their conditions, as a date[] beside the document: the
            // at-risk counts (CaseloadCounts) and the follow-ups read it without opening each entry's JSON.
            mapping.DuplicateField(nameof(CaseloadEntry.BenefitEvidenceDue), pgType: "date[]");
        });
        options.Schema.For<CaseloadEntry>()
            // A counselor's caseload page, in its order (next follow-up, intake date), straight from one index: without
            // it PostgreSQL read every open entry (thousands, each a large document) to sort them.
            .Index([x => x.CounselorId, x => x.NextFollowUpOn!, x => x.OpenedOn, x => x.Id], index =>
            {
                index.Name = "mt_doc_caseloadentry_idx_caseload_page";
                index.Predicate = "is_open";
            });
        // The counts the caseload page and the dashboard read, kept by a trigger on the entries' table (see CaseloadCounts).
        options.Storage.Add(new CaseloadCounts(options));

        options.Schema.For<OfficeDailyStatistics>().Duplicate(x => x.OfficeId).Duplicate(x => x.Day);

        options.Schema.For<Office>();
        options.Schema.For<Counselor>().Duplicate(x => x.OfficeId);
    }
}
