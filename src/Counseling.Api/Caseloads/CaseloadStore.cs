using Counseling.Api.ReferenceData;
using JasperFx.Events.Projections;
using Marten;

namespace Counseling.Api.Caseloads;

public static class CaseloadStore
{
    /// <summary>The projections behind the caseload views, all run by the async daemon, and the reference data they name.</summary>
    public static void AddCaseloads(this StoreOptions options)
    {
        options.Projections.Add<CaseloadProjection>(ProjectionLifecycle.Async);
        options.Projections.Add<OfficeDailyStatisticsProjection>(ProjectionLifecycle.Async);
        options.Projections.Add<CounselorMonthlyActivityProjection>(ProjectionLifecycle.Async);

        // Real, indexed columns for what the views filter and group on (CaseloadTable's SQL names them).
        options.Schema.For<CaseloadEntry>()
            .Duplicate(x => x.CounselorId)
            .Duplicate(x => x.OfficeId)
            .Duplicate(x => x.Stage)
            .Duplicate(x => x.IsOpen)
            .Duplicate(x => x.NextFollowUpOn);
        options.Schema.For<OfficeDailyStatistics>().Duplicate(x => x.OfficeId).Duplicate(x => x.Day);

        options.Schema.For<Office>();
        options.Schema.For<Counselor>().Duplicate(x => x.OfficeId);
    }
}
