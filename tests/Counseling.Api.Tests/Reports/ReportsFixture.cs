using Counseling.Api.Tests.Caseloads;

namespace Counseling.Api.Tests.Reports;

/// <summary>
/// The caseload fixture's moving clock on a database of the reports' own: a national report counts every case in its
/// database, so no other test's cases may be there.
/// </summary>
public sealed class ReportsFixture() : CaseloadFixture("counseling_reports");

[CollectionDefinition(Name)]
public sealed class ReportsCollection : ICollectionFixture<ReportsFixture>
{
    public const string Name = "reports";
}
