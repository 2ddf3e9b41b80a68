using System.Data;
using Marten;
using Npgsql;
using SessionOptions = Marten.Services.SessionOptions;

namespace Counseling.Api.Reports;

/// <summary>
/// Where the heavy reads go: the outcome reports (national by default) and the asOf replays of reports and dashboards,
/// which read every event of many cases. With <c>ConnectionStrings:MartenReadOnly</c> set (a standby, or a multi-host
/// string with <c>Target Session Attributes=prefer-standby</c>) they read there, so that a heavy audit does not take
/// the primary's CPU and disk from counselors' writes; unset, they read on the primary through the request's own
/// session. On the read-only connection each report reads in one <c>REPEATABLE READ READ ONLY</c> transaction (one
/// snapshot for all its queries), on connections opened with <c>default_transaction_read_only=on</c> (unless its
/// Options say otherwise), so that nothing can write through it by mistake. A standby serves what it has replayed: the
/// synchronous standby of docs/release-and-recovery.md is behind by at most the transactions being committed, and reports state
/// the projections' freshness as they do on the primary.
/// </summary>
public sealed class ReportReads : IAsyncDisposable
{
    public const string ConnectionStringName = "MartenReadOnly";

    private readonly IDocumentStore store;
    private readonly NpgsqlDataSource? readOnly;

    public ReportReads(IDocumentStore store, IConfiguration configuration)
    {
        this.store = store;
        if (configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString)
            readOnly = NpgsqlDataSource.Create(ReadOnly(connectionString));
    }

    /// <summary>True when the reads go to the read-only connection.</summary>
    public bool UsesReadOnlyConnection => readOnly is not null;

    /// <summary>
    /// A query session for a heavy read: on the read-only connection when one is set, else <paramref name="primary"/>
    /// (the request's own session, which disposing the answer leaves open).
    /// </summary>
    public async Task<Reads> OpenAsync(IQuerySession primary, CancellationToken cancellation)
    {
        if (readOnly is null) return new Reads(primary, null, null);
        var connection = await readOnly.OpenConnectionAsync(cancellation);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation);
            await using (var readOnlyTransaction = new NpgsqlCommand("set transaction read only", connection, transaction))
                await readOnlyTransaction.ExecuteNonQueryAsync(cancellation);
            return new Reads(store.QuerySession(SessionOptions.ForTransaction(transaction)), connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string ReadOnly(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.Options?.Contains("default_transaction_read_only", StringComparison.OrdinalIgnoreCase) != true)
            settings.Options = $"{settings.Options} -c default_transaction_read_only=on".Trim();
        return settings.ConnectionString;
    }

    public ValueTask DisposeAsync() => readOnly?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>
    /// The session to read with. Disposing it ends the read-only session, its transaction (rolled back: it wrote
    /// nothing) and returns its connection to the pool; the request's own session is left alone.
    /// </summary>
    public sealed class Reads(IQuerySession session, NpgsqlConnection? connection, NpgsqlTransaction? transaction) : IAsyncDisposable
    {
        public IQuerySession Session { get; } = session;

        /// <summary>The read-only connection the session reads on; null when reports read on the primary's session.</summary>
        public NpgsqlConnection? Connection => connection;

        public async ValueTask DisposeAsync()
        {
            if (connection is null) return;
            await Session.DisposeAsync();
            if (transaction is not null) await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
