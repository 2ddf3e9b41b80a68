using Counseling.Api.Tests.Caseloads;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Counseling.Api.Tests.Reports;

/// <summary>
/// The caseload fixture's moving clock on a database of the reports' own: a national report counts every case in its
/// database, so no other test's cases may be there. Its reports read on a read-only connection
/// (ConnectionStrings:MartenReadOnly), as they would on a standby: the same database, in sessions PostgreSQL keeps
/// read-only (default_transaction_read_only=on), under an application name of their own so a test can find them.
/// </summary>
public sealed class ReportsFixture() : CaseloadFixture("counseling_reports")
{
    public const string ReadOnlyApplicationName = "counseling-report-reads";

    protected override void Configure(IWebHostBuilder web) =>
        web.UseSetting($"ConnectionStrings:{Counseling.Api.Reports.ReportReads.ConnectionStringName}",
            new NpgsqlConnectionStringBuilder(ConnectionString)
            {
                ApplicationName = ReadOnlyApplicationName,
                Options = "-c default_transaction_read_only=on",
            }.ConnectionString);

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

/// <summary>
/// The same on a database of the monthly report's own, with a checkpoint archive of its own: its tests sign checkpoints,
/// count a whole office and edit a stored event on purpose.
/// </summary>
public sealed class MonthlyReportsFixture() : CaseloadFixture("counseling_reports_monthly")
{
    public string CheckpointDirectory { get; } = Directory.CreateTempSubdirectory("counseling-monthly-checkpoints-").FullName;

    protected override (string Path, string Id)[] Officials => [("auditors", "mr-auditor"), ("administrators", "mr-admin")];

    protected override void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder web)
    {
        web.UseSetting("Audit:Checkpoints:Directory", CheckpointDirectory);
        // Checkpoints only when a test or a report issues one.
        web.UseSetting("Audit:Checkpoints:Interval", "00:00:00");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(CheckpointDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class MonthlyReportsCollection : ICollectionFixture<MonthlyReportsFixture>
{
    public const string Name = "monthly reports";
}
