using Counseling.Api.Infrastructure;
using Counseling.Api.Caseloads;
using Counseling.Api.Tests.Infrastructure;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Counseling.Api.Tests.Caseloads;

/// <summary>
/// The caseload fixture on a database dropped before it starts: the counts' tables and trigger are created with the rest
/// of the schema on a fresh database, and no other test's cases are counted in it.
/// </summary>
public sealed class CaseloadCountsFixture() : CaseloadFixture(DatabaseName), IAsyncLifetime
{
    public new const string DatabaseName = "counseling_caseload_counts";

    async Task IAsyncLifetime.InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? ApiFixture.StartTestCluster();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {DatabaseName} with (force)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        await InitializeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class CaseloadCountsCollection : ICollectionFixture<CaseloadCountsFixture>
{
    public const string Name = "caseload-counts";
}

/// <summary>
/// The counts the caseload page and the dashboard read (see <see cref="CaseloadCounts"/>) against a recount from the
/// caseload entries themselves, after each kind of change an entry goes through: intake, follow-ups, reassignment, a
/// transfer between offices, closure, reopening, the days passing, a wipe of the entries and a rebuild.
/// </summary>
[Collection(CaseloadCountsCollection.Name)]
public class CaseloadCountsTests(CaseloadCountsFixture api)
{
    private const string Bekasi = "cnt-bekasi", Kalteng = "cnt-kalteng";
    private const string Dewi = "cnt-dewi", Rudi = "cnt-rudi", Yohana = "cnt-yohana";

    [Fact]
    public async Task Kept_counts_equal_a_recount_of_the_entries_through_every_change_and_a_rebuild()
    {
        // The database was created for this fixture: the counts' tables exist and agree with the entries (none, or the other test's).
        (await KeptAsync()).Should().Equal(await RecountedAsync());
        await api.AddOfficeAsync(Bekasi, (Dewi, "Dewi Anggraini"), (Rudi, "Rudi Hartono"));
        await api.AddOfficeAsync(Kalteng, (Yohana, "Yohana Tarigan"));

        api.MoveTo(new DateOnly(2027, 3, 1));
        var c1 = await CaseSteps.OpenAsync(api, Bekasi, Dewi, "3216061505900301");
        await c1.SessionAsync(followUpInDays: 3);
        var c2 = await CaseSteps.OpenAsync(api, Bekasi, Dewi, "3216061505900302");
        await c2.SessionAsync(followUpInDays: 3);
        var c3 = await CaseSteps.OpenAsync(api, Bekasi, Rudi, "3216061505900303");
        await c3.AssessAsync("readyForWork");
        var c4 = await CaseSteps.OpenAsync(api, Kalteng, Yohana, "3216061505900304");
        await c4.SessionAsync(followUpInDays: 10);
        var c5 = await CaseSteps.OpenAsync(api, Bekasi, Rudi, "3216061505900305");
        await api.WaitForProjectionsAsync();
        var opened = await KeptAsync();
        opened.Should().Equal(await RecountedAsync());
        opened.Where(r => r.Table == "caseload" && r.Office is Bekasi or Kalteng).Sum(r => r.Cases).Should().Be(5);
        opened.Should().Contain(new CountRow("caseload", Bekasi, Dewi, "Intake", "2027-03-04", 2));

        // A follow-up moved, a reassignment, a transfer, a closure: each entry leaves one count for another.
        api.MoveTo(new DateOnly(2027, 3, 8));
        await c1.SessionAsync(followUpInDays: 7);
        await c2.ReassignAsync(Rudi);
        await c3.TransferAsync(Kalteng, Yohana);
        await c5.CloseAsync("unreachable");
        await api.WaitForProjectionsAsync();
        var moved = await KeptAsync();
        moved.Should().Equal(await RecountedAsync());
        moved.Where(r => r.Table == "caseload" && r.Office is Bekasi or Kalteng).Sum(r => r.Cases).Should().Be(4);
        moved.Should().Contain(new CountRow("caseload", Bekasi, Rudi, "Intake", "2027-03-04", 1));
        moved.Should().Contain(r => r.Table == "caseload" && r.Office == Kalteng && r.Counselor == Yohana && r.FollowUpOn == "infinity");
        moved.Should().NotContain(r => r.Counselor == Dewi && r.FollowUpOn == "2027-03-04");

        // Reopening counts the case again, without its old follow-up.
        await c5.ReopenAsync();
        await api.WaitForProjectionsAsync();
        (await KeptAsync()).Should().Equal(await RecountedAsync());
        await AtRiskAgreesWithTheEntriesAsync(new DateOnly(2027, 2, 1), new DateOnly(2027, 12, 31));
        await CaseloadAgreesWithTheEntriesAsync(Rudi, new DateOnly(2027, 3, 8));
        var counted = await KeptAsync();

        var coordinator = api.Host.Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.PauseAsync();
        try
        {
            // Entries deleted one by one take their counts with them; so does a truncation.
            await using (var session = api.Store.LightweightSession())
            {
                session.DeleteWhere<CaseloadEntry>(_ => true);
                await session.SaveChangesAsync();
            }
            (await KeptAsync()).Should().BeEmpty();
            await RebuildCaseloadsAsync();
            (await KeptAsync()).Should().Equal(counted);

            await api.Store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(CaseloadEntry));
            (await KeptAsync()).Should().BeEmpty();
            await RebuildCaseloadsAsync();
            (await KeptAsync()).Should().Equal(counted);
        }
        finally
        {
            await coordinator.ResumeAsync();
        }
        (await KeptAsync()).Should().Equal(await RecountedAsync());
    }

    [Fact]
    public async Task Verify_reports_a_kept_count_that_differs_from_the_entries()
    {
        await api.AddOfficeAsync("cnt-verify", ("cnt-verify-c1", "Sari Wulandari"));
        api.MoveTo(api.Today);
        var steps = await CaseSteps.OpenAsync(api, "cnt-verify", "cnt-verify-c1", "3216061505900399");
        await steps.SessionAsync(followUpInDays: 5);
        await api.WaitForProjectionsAsync();
        var check = api.Host.Services.GetServices<Counseling.Api.Audit.Verification.IProjectionCheck>()
            .OfType<Counseling.Api.Audit.Verification.CaseloadCountsCheck>().Single();
        var followUpOn = api.Today.AddDays(5);

        var mismatches = new List<Counseling.Api.Audit.Verification.Mismatch>();
        await using (var session = api.Store.QuerySession())
            (await check.CheckAsync(session, mismatches.Add, CancellationToken.None)).Should().BeGreaterThan(0);
        mismatches.Should().BeEmpty();

        await ExecuteAsync($"update {{schema}}.{CaseloadCounts.CountsTable} set cases = cases + 2 where counselor_id = 'cnt-verify-c1'");
        try
        {
            await using var session = api.Store.QuerySession();
            await check.CheckAsync(session, mismatches.Add, CancellationToken.None);
        }
        finally
        {
            await ExecuteAsync($"update {{schema}}.{CaseloadCounts.CountsTable} set cases = cases - 2 where counselor_id = 'cnt-verify-c1'");
        }
        mismatches.Select(m => m.Detail).Should().Equal(
            $"The kept open cases of office cnt-verify, counselor cnt-verify-c1, stage Intake, next follow-up {followUpOn:yyyy-MM-dd}: 3, the entries count 1.");
        mismatches.Single().Kind.Should().Be(Counseling.Api.Audit.Verification.MismatchKind.ProjectionDiffers);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", api.Store.Options.DatabaseSchemaName), connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task RebuildCaseloadsAsync()
    {
        using var daemon = await api.Store.BuildProjectionDaemonAsync();
        // The caseload entries are rebuilt with the composite they are a member of (AsyncViews): a member alone cannot be.
        await daemon.RebuildProjectionAsync(AsyncViews.Name, TimeSpan.FromMinutes(1), CancellationToken.None);
    }

    /// <summary>One row of a count: a caseload count by office, counselor, stage and follow-up, or a benefit deadline's by office and day.</summary>
    public sealed record CountRow(string Table, string Office, string Counselor, string Stage, string FollowUpOn, long Cases);

    private Task<List<CountRow>> KeptAsync() => RowsAsync(
        $$"""
          select 'caseload', office_id, counselor_id, stage, follow_up_on::text, cases::bigint from {schema}.{{CaseloadCounts.CountsTable}}
          union all
          select 'benefit', office_id, '', '', due_on::text, cases::bigint from {schema}.{{CaseloadCounts.BenefitEvidenceDueTable}}
          """);

    /// <summary>The same counts by GROUP BY over the open entries, as the reads counted them before the counts were kept.</summary>
    private Task<List<CountRow>> RecountedAsync() => RowsAsync(
        """
        select 'caseload', office_id, counselor_id, stage, coalesce(next_follow_up_on, 'infinity')::text, count(*)
        from {schema}.mt_doc_caseloadentry where is_open group by 1, 2, 3, 4, 5
        union all
        select 'benefit', office_id, '', '', day::text, count(distinct id)
        from {schema}.mt_doc_caseloadentry, unnest(benefit_evidence_due) as due(day) where is_open group by 1, 2, 3, 4, 5
        """);

    private async Task<List<CountRow>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var rows = new List<CountRow>();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", api.Store.Options.DatabaseSchemaName), connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new CountRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5)));
        return [.. rows.OrderBy(r => r.Table).ThenBy(r => r.Office).ThenBy(r => r.Counselor).ThenBy(r => r.Stage).ThenBy(r => r.FollowUpOn, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The dashboard's cases with a benefit month at risk, from the kept deadlines, equal the entries counted one by one
    /// (any deadline within the week) on every day of <paramref name="first"/>..<paramref name="last"/>.
    /// </summary>
    private async Task AtRiskAgreesWithTheEntriesAsync(DateOnly first, DateOnly last)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var schema = api.Store.Options.DatabaseSchemaName;
        var sql =
            $"""
             select o.office_id, d.day::date,
                    (select coalesce(sum(cases), 0)::bigint from {schema}.{CaseloadCounts.BenefitEvidenceDueTable} k
                     where k.office_id = o.office_id and k.due_on between d.day::date and d.day::date + {Counseling.Domain.Cases.Benefit.JkpBenefit.AtRiskDays - 1}),
                    (select count(*) from {schema}.mt_doc_caseloadentry e
                     where e.office_id = o.office_id and e.is_open
                       and exists (select 1 from unnest(e.benefit_evidence_due) as due(day) where due.day between d.day::date and d.day::date + {Counseling.Domain.Cases.Benefit.JkpBenefit.AtRiskDays - 1}))
             from (values ('{Bekasi}'), ('{Kalteng}')) as o(office_id),
                  generate_series('{first:yyyy-MM-dd}'::date, '{last:yyyy-MM-dd}'::date, interval '1 day') as d(day)
             """;
        var disagreements = new List<string>();
        long atRiskDays = 0;
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (reader.GetInt64(2) != reader.GetInt64(3)) disagreements.Add($"{reader.GetString(0)} {reader.GetDateTime(1):yyyy-MM-dd}: {reader.GetInt64(2)} kept, {reader.GetInt64(3)} recounted");
            if (reader.GetInt64(3) > 0) atRiskDays++;
        }
        disagreements.Should().BeEmpty();
        atRiskDays.Should().BeGreaterThan(0, "some days of the period have benefit months at risk");
    }

    /// <summary>A caseload page's figures, read over HTTP, equal the entries counted directly.</summary>
    private async Task CaseloadAgreesWithTheEntriesAsync(string counselorId, DateOnly today)
    {
        var page = await api.GetAsync($"/counselors/{counselorId}/caseload");
        await using var session = api.Store.QuerySession();
        var open = await session.Query<CaseloadEntry>().Where(e => e.CounselorId == counselorId && e.IsOpen).ToListAsync();
        page.GetProperty("openCases").GetInt32().Should().Be(open.Count).And.BeGreaterThan(0);
        page.GetProperty("overdueFollowUps").GetInt32().Should().Be(open.Count(e => e.NextFollowUpOn < today));
        page.GetProperty("openCasesByStage").EnumerateObject().Sum(p => p.Value.GetInt32()).Should().Be(open.Count);
    }
}
