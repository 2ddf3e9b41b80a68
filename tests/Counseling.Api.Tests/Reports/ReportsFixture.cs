using Counseling.Api.Tests.Caseloads;

namespace Counseling.Api.Tests.Reports;

/// <summary>
/// The caseload fixture's moving clock on a database of the reports' own: a national report counts every case in its
/// database, so no other test's cases may be there.
/// </summary>
public sealed class ReportsFixture() : CaseloadFixture("counseling_reports")
{
    protected override (string Path, string Id)[] Officials => [("auditors", "rpt-auditor"), ("administrators", "rpt-admin")];
}

[CollectionDefinition(Name)]
public sealed class ReportsCollection : ICollectionFixture<ReportsFixture>
{
    public const string Name = "reports";
}

/// <summary>The same on a database of the benefit-month report's own (see <see cref="BenefitMonthsReportTests"/>).</summary>
public sealed class BenefitReportsFixture() : CaseloadFixture("counseling_reports_benefit")
{
    protected override (string Path, string Id)[] Officials => [("auditors", "rpt-bf-auditor")];
}

[CollectionDefinition(Name)]
public sealed class BenefitReportsCollection : ICollectionFixture<BenefitReportsFixture>
{
    public const string Name = "benefit reports";
}
