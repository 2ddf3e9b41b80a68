using Alba;
using Marten;
using Marten.Events;
using Counseling.Api.Access;
using Counseling.Api.Audit.Verification;
using Counseling.Api.Caseloads;
using Counseling.Api.Infrastructure;
using Counseling.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Counseling.Api.Tests.Audit;

/// <summary>
/// GET /audit/verify recomputes the asynchronous projections in memory: it writes nothing to the database, two run at
/// once, and a projection document tampered with is named.
/// </summary>
[Collection(ApiCollection.Name)]
public class VerifyReadOnlyTests(ApiFixture api)
{
    private async Task<Journey> PlacedJourneyAsync()
    {
        var journey = await Journey.OpenAsync(api);
        await journey.LogSessionAsync();
        await journey.AssessAsync("readyForWork");
        var job = await journey.ReferToJobAsync();
        await journey.JobOutcomeAsync(job, "hired");
        await journey.PlaceAsync(job);
        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        return journey;
    }

    private async Task<VerificationReport> VerifyOverHttpAsync() =>
        await (await api.Host.Scenario(s =>
        {
            s.Get.Url("/audit/verify");
            s.WithBearerToken(api.TokenFor("a-001", Role.Auditor, null));
            s.StatusCodeShouldBe(200);
        })).ReadAsJsonAsync<VerificationReport>();

    [Fact]
    public async Task Two_verifies_at_once_both_succeed_and_write_nothing()
    {
        await PlacedJourneyAsync();
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var before = await DatabaseStateAsync(connection);

        // Every schema seen while the verifies run: a scratch schema created and dropped again would show here.
        var schemasSeen = new HashSet<string>();
        using var stop = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            await using var watcher = new NpgsqlConnection(api.ConnectionString);
            await watcher.OpenAsync();
            while (!stop.IsCancellationRequested)
            {
                schemasSeen.UnionWith(await ReadAsync(watcher, "select nspname from pg_namespace", r => r.GetString(0)));
                await Task.Delay(10);
            }
        });

        var reports = await Task.WhenAll(VerifyOverHttpAsync(), VerifyOverHttpAsync());
        stop.Cancel();
        await watch;

        foreach (var report in reports)
        {
            report.Mismatches.Where(m => m.Kind == MismatchKind.ProjectionDiffers).Should().BeEmpty();
            report.ProjectedDocumentsChecked.Should().BeGreaterThan(report.StreamsChecked);
        }
        reports[1].ProjectedDocumentsChecked.Should().Be(reports[0].ProjectedDocumentsChecked);
        schemasSeen.Should().BeEquivalentTo(before.Schemas);
        var after = await DatabaseStateAsync(connection);
        after.Schemas.Should().BeEquivalentTo(before.Schemas);
        after.Relations.Should().BeEquivalentTo(before.Relations);
        after.Sequences.Should().BeEquivalentTo(before.Sequences);
        // Any row inserted or updated carries a transaction id newer than every row before it; a deleted row lowers the count.
        after.Rows.Should().BeEquivalentTo(before.Rows);
    }

    [Fact]
    public async Task A_projection_fed_by_many_streams_tampered_with_is_named_by_its_document()
    {
        var journey = await PlacedJourneyAsync();
        var day = OfficeDailyStatistics.IdFor("bekasi", api.Today);
        const string change = "update counseling.mt_doc_officedailystatistics set data = jsonb_set(data, '{newCases}', " +
                              "to_jsonb((data ->> 'newCases')::int + @by)) where id = @id";
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();

        (await ExecuteAsync(connection, change, ("id", day), ("by", 7))).Should().Be(1);
        try
        {
            var report = await VerifyOverHttpAsync();

            report.Consistent.Should().BeFalse();
            report.Mismatches.Should().ContainSingle(m => m.Kind == MismatchKind.ProjectionDiffers)
                .Which.Should().Match<Mismatch>(m =>
                    m.StreamId == Guid.Empty && m.Detail == $"OfficeDailyStatistics {day} differs from what the events make of it in: newCases.");
        }
        finally
        {
            await ExecuteAsync(connection, change, ("id", day), ("by", -7));
        }
        (await api.MismatchesOfAsync(journey.CaseId, Guid.Empty)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_case_outcome_moved_to_another_id_is_named_missing_and_unfounded()
    {
        var journey = await PlacedJourneyAsync();
        var elsewhere = Guid.NewGuid();
        const string move = "update counseling.mt_doc_caseoutcome set id = @to where id = @from";
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();

        (await ExecuteAsync(connection, move, ("from", journey.CaseId), ("to", elsewhere))).Should().Be(1);
        try
        {
            var mismatches = await api.MismatchesOfAsync(journey.CaseId, elsewhere);

            mismatches.Should().BeEquivalentTo(new[]
            {
                new Mismatch(MismatchKind.ProjectionDiffers, journey.CaseId, null, null,
                    $"CaseOutcome {journey.CaseId} is missing from the store, though the events make it."),
                new Mismatch(MismatchKind.ProjectionDiffers, elsewhere, null, null,
                    $"CaseOutcome {elsewhere} is stored, though the events do not make it."),
            });
        }
        finally
        {
            await ExecuteAsync(connection, move, ("from", elsewhere), ("to", journey.CaseId));
        }
        (await api.MismatchesOfAsync(journey.CaseId, elsewhere)).Should().BeEmpty();
    }

    [Fact]
    public void Every_asynchronous_projection_has_an_in_memory_replay()
    {
        var asynchronous = api.Store.Options.AsyncProjectionNames();

        asynchronous.Should().BeEquivalentTo("Caseload", "OfficeDailyStatistics", "CounselorMonthlyActivity", "CaseOutcome");
        ProjectionReplays.ByName.Keys.Should().BeEquivalentTo(asynchronous);
    }

    [Fact]
    public async Task The_asynchronous_projections_run_as_one_composite_whose_members_keep_their_progress()
    {
        api.Store.Options.Events.Projections()
            .Where(p => p.Lifecycle == JasperFx.Events.Projections.ProjectionLifecycle.Async)
            .Select(p => p.Name).Should().Equal(AsyncViews.Name);

        await PlacedJourneyAsync();
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var latest = (await ReadAsync(connection, "select max(seq_id) from counseling.mt_events", r => r.GetInt64(0))).Single();
        var progress = await ReadAsync(connection,
            "select name || ' ' || last_seq_id from counseling.mt_event_progression where name not like 'HighWater%'", r => r.GetString(0));

        // The views read freshness by member name: each member's row moves with the composite's.
        progress.Should().BeEquivalentTo(
            ((string[])[AsyncViews.Name, .. api.Store.Options.AsyncProjectionNames()]).Select(name => $"{name}:All {latest}"));
    }

    private sealed record DatabaseState(
        IReadOnlyList<string> Schemas, IReadOnlyList<string> Relations, IReadOnlyList<string> Sequences, IReadOnlyList<string> Rows);

    /// <summary>Every schema, table, index and sequence, each sequence's value, and each table's row count and newest row version.</summary>
    private static async Task<DatabaseState> DatabaseStateAsync(NpgsqlConnection connection)
    {
        var schemas = await ReadAsync(connection, "select nspname from pg_namespace", r => r.GetString(0));
        var relations = await ReadAsync(connection, """
            select n.nspname || '.' || c.relname || ' ' || c.relkind::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
            """, r => r.GetString(0));
        var sequences = await ReadAsync(connection,
            "select schemaname || '.' || sequencename || ' ' || coalesce(last_value::text, '-') from pg_sequences", r => r.GetString(0));
        var tables = await ReadAsync(connection,
            "select quote_ident(schemaname) || '.' || quote_ident(tablename) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
            r => r.GetString(0));
        var rows = new List<string>();
        foreach (var table in tables.Where(t => t != "counseling.mt_event_progression"))
            rows.AddRange(await ReadAsync(connection,
                $"select '{table} ' || count(*) || ' ' || coalesce(max(xmin::text::bigint), 0) from {table}", r => r.GetString(0)));
        // The async daemon stores its high-water mark again every few polls, even unchanged: those two rows are the
        // daemon's, compared by value; every projection's progress is compared by value and row version.
        rows.AddRange(await ReadAsync(connection, """
            select name || ' ' || last_seq_id || case when name like 'HighWater%' then '' else ' ' || xmin::text end
            from counseling.mt_event_progression
            """, r => r.GetString(0)));
        return new DatabaseState(schemas, relations, sequences, rows);
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync()) values.Add(read(reader));
        return values;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync();
    }
}
