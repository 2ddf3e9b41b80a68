using Counseling.Api.Caseloads;
using Counseling.Api.Infrastructure;
using JasperFx.Events.Projections;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace Counseling.Api.Audit.Verification;

/// <summary>
/// Rebuilds every asynchronous projection from a copy of the events in a scratch schema, with the same store
/// configuration, and compares each rebuilt document with the stored one (jsonb equality, so key order is no
/// difference). Each run has a scratch schema of its own, dropped afterwards: the store's own tables are only read,
/// and two verifies may run at once. (The scratch schema is still a write to the database; see the README.)
/// </summary>
public sealed class AsyncProjectionReplayCheck(IConfiguration configuration, IDocumentStore store) : IProjectionCheck
{
    private const string ScratchPrefix = StoreConfiguration.Schema + "_verify_";
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(30);

    public string ProjectionName => "asynchronous projections";

    public async Task<long> CheckAsync(IQuerySession session, Action<Mismatch> report, CancellationToken cancellation)
    {
        var projections = store.Options.Events.Projections()
            .Where(p => p.Lifecycle == ProjectionLifecycle.Async)
            .ToList();
        if (projections.Count == 0) return 0;

        await WaitForStoredProjectionsAsync([.. projections.Select(p => p.Name)], report, cancellation);

        // A schema of this run's own, so that two verifies at once do not rebuild into (or drop) each other's.
        var scratch = ScratchPrefix + Guid.NewGuid().ToString("N")[..12];
        var connectionString = configuration.GetConnectionString(StoreConfiguration.ConnectionStringName)!;
        await using var scratchStore = DocumentStore.For(options => StoreConfiguration.Configure(options, connectionString, scratch));
        try
        {
            await scratchStore.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await CopyEventsAsync(scratch, cancellation);
            using var daemon = await scratchStore.BuildProjectionDaemonAsync();
            foreach (var projection in projections)
                await daemon.RebuildProjectionAsync(projection.Name, cancellation);

            long compared = 0;
            foreach (var documentType in projections.OfType<IPublishesTypes>().SelectMany(p => p.PublishedTypes()).Distinct())
                compared += await CompareAsync(scratch, documentType, report, cancellation);
            return compared;
        }
        finally
        {
            await ExecuteAsync($"drop schema if exists {scratch} cascade", CancellationToken.None);
        }
    }

    /// <summary>The stored projections run behind the writes: compare only once they have caught up.</summary>
    private async Task WaitForStoredProjectionsAsync(IReadOnlyList<string> names, Action<Mismatch> report, CancellationToken cancellation)
    {
        var deadline = DateTimeOffset.UtcNow + CatchUpTimeout;
        while (true)
        {
            await using var session = store.QuerySession();
            var freshness = await Freshness.ReadAsync(session, cancellation, [.. names]);
            if (freshness.Lag == 0) return;
            if (DateTimeOffset.UtcNow > deadline)
            {
                report(new Mismatch(MismatchKind.ProjectionDiffers, Guid.Empty, null, null,
                    $"The stored projections were still {freshness.Lag} events behind after {CatchUpTimeout.TotalSeconds} s; compared anyway."));
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation);
        }
    }

    private async Task CopyEventsAsync(string scratch, CancellationToken cancellation)
    {
        // Column by column: the two schemas were created at different times, so their column order may differ.
        // Only the events: the projections store the NIK as the events hold it (encrypted), so no personal-data key
        // is ever copied.
        foreach (var table in new[] { "mt_streams", "mt_events" })
        {
            var columns = await ColumnsAsync(scratch, table, cancellation);
            await ExecuteAsync(
                $"insert into {scratch}.{table} ({columns}) select {columns} from {StoreConfiguration.Schema}.{table}", cancellation);
        }
        await ExecuteAsync(
            $"select setval('{scratch}.mt_events_sequence', coalesce((select max(seq_id) from {scratch}.mt_events), 1))", cancellation);
    }

    private async Task<string> ColumnsAsync(string scratch, string table, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            "select string_agg(quote_ident(column_name), ', ') from information_schema.columns where table_schema = @schema and table_name = @table",
            connection);
        command.Parameters.AddWithValue("schema", scratch);
        command.Parameters.AddWithValue("table", table);
        return (string)(await command.ExecuteScalarAsync(cancellation))!;
    }

    private async Task<long> CompareAsync(string scratch, Type documentType, Action<Mismatch> report, CancellationToken cancellation)
    {
        // Marten names a document's table mt_doc_ + its type name in lower case.
        var table = "mt_doc_" + documentType.Name.ToLowerInvariant();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand($"""
            select coalesce(stored.id::text, rebuilt.id::text), stored.id is null, rebuilt.id is null,
                   (select string_agg(key, ', ' order by key)
                    from jsonb_each(stored.data) s full join jsonb_each(rebuilt.data) r using (key)
                    where s.value is distinct from r.value)
            from {StoreConfiguration.Schema}.{table} stored
            full outer join {scratch}.{table} rebuilt on rebuilt.id = stored.id
            where stored.data is distinct from rebuilt.data
            """, connection);
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var id = reader.GetString(0);
                var detail = reader.GetBoolean(1) ? "is missing from the store, though the events make it"
                    : reader.GetBoolean(2) ? "is stored, though the events do not make it"
                    : $"differs from what the events make of it in: {reader.GetString(3)}";
                report(new Mismatch(MismatchKind.ProjectionDiffers, Guid.TryParse(id, out var streamId) ? streamId : Guid.Empty,
                    null, null, $"{documentType.Name} {id} {detail}."));
            }
        }

        await using var count = new NpgsqlCommand($"select count(*) from {StoreConfiguration.Schema}.{table}", connection);
        return (long)(await count.ExecuteScalarAsync(cancellation))!;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
