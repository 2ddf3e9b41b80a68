using Counseling.Api.Reports;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Counseling.Api.Tests.Reports;

/// <summary>
/// The reports' read-only connection (ConnectionStrings:MartenReadOnly), as a standby would serve it: the national
/// report and an asOf replay still answer, they read through that connection, and PostgreSQL refuses a write on it.
/// </summary>
[Collection(ReportsCollection.Name)]
public class ReadOnlyReportTests(ReportsFixture api)
{
    [Fact]
    public async Task The_national_report_and_its_replay_answer_from_the_read_only_connection_which_cannot_write()
    {
        var reads = api.Host.Services.GetRequiredService<ReportReads>();
        reads.UsesReadOnlyConnection.Should().BeTrue();

        var asOf = api.Clock.GetUtcNow().AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var live = await api.GetAsync("/reports/outcomes?from=2027-03-01&to=2027-04-30");
        var replay = await api.GetAsync($"/reports/outcomes?from=2027-03-01&to=2027-04-30&asOf={asOf}");
        live.GetProperty("groups").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Array);
        replay.GetProperty("groups").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Array);

        // Only ReportReads connects under that application name: its pooled connection is what the reports used.
        await using (var primary = new NpgsqlConnection(api.ConnectionString))
        {
            await primary.OpenAsync();
            await using var sessions = new NpgsqlCommand(
                "select count(*) from pg_stat_activity where datname = current_database() and application_name = @name", primary);
            sessions.Parameters.AddWithValue("name", ReportsFixture.ReadOnlyApplicationName);
            ((long)(await sessions.ExecuteScalarAsync())!).Should().BeGreaterThan(0);
        }

        await using var session = api.Store.QuerySession();
        await using var heavy = await reads.OpenAsync(session, CancellationToken.None);
        heavy.Session.Should().NotBeSameAs(session);
        // Its session reads (opening its connection), on a connection where PostgreSQL refuses writes.
        (await heavy.Session.QueryAsync<string>("select current_setting('application_name')"))
            .Should().Equal(ReportsFixture.ReadOnlyApplicationName);
        // (Not the session's own Connection: with a tracer listening, as when the API fixture's host runs in the same
        // test process, Marten wraps a session on an outside transaction in a lifetime that does not hand it out.)
        var connection = heavy.Connection!;
        await using (var readOnly = new NpgsqlCommand("show transaction_read_only", connection))
            ((string)(await readOnly.ExecuteScalarAsync())!).Should().Be("on");
        await using var write = new NpgsqlCommand("create table counseling.read_only_probe (x int)", connection);
        (await write.Invoking(w => w.ExecuteNonQueryAsync()).Should().ThrowAsync<PostgresException>())
            .Which.SqlState.Should().Be(PostgresErrorCodes.ReadOnlySqlTransaction);
    }
}
