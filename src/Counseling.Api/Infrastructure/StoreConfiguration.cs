using Counseling.Api.Audit;
using Counseling.Api.Audit.PersonalDataReads;
using Counseling.Api.Caseloads;
using Counseling.Api.Cases;
using Counseling.Api.PersonalData;
using Counseling.Api.ReferenceData;
using Counseling.Api.Reports;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.OpenTelemetry;
using Counseling.Api.Observability;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Weasel.Core;
using Wolverine.Marten;

namespace Counseling.Api.Infrastructure;

public static class StoreConfiguration
{
    public const string ConnectionStringName = "Marten";
    public const string Schema = "counseling";

    /// <summary>
    /// The event store: its schema, serialization, events and projections.
    /// </summary>
    public static void Configure(StoreOptions options, string connectionString, string schema, CaseWritePipeline? writePipeline = null)
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = schema;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        // Quick appends skip a round trip per stream and are what the async daemon copes with best.
        // This variant stamps events with the application's clock (see AddCounselingStore) rather than the server's.
        options.Events.AppendMode = EventAppendMode.QuickWithServerTimestamps;
        options.Events.UseIdentityMapForAggregates = true;
        // Auditors need who, why and in what chain of requests every event was recorded.
        options.Events.MetadataConfig.EnableAll();
        options.Events.MetadataConfig.UserNameEnabled = true;
        // The async daemon looks for new events every 100 ms, busy or idle (Marten's defaults: 250 ms and 1 s), and
        // appends do not NOTIFY it. A NOTIFY takes a database-wide lock at commit, so commits queued behind each other,
        // and woke the daemon for every append, one or two events a batch (docs/decisions/async-daemon-polling.md).
        options.Events.UseListenNotifyForEventAppends = false;
        // Traces of each session's connection and commands, and a counter of committed writes per journey step (the
        // event type that opens each stream's share of a commit): a fixed vocabulary, no case or personal data.
        options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
        options.OpenTelemetry.TrackEventCounters();
        options.OpenTelemetry.ExportCounterOnChangeSets<long>("counseling.journey.writes", "{write}", JourneyWrites.Record);
        options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(100);
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(100);

        // First, so that the snapshot and every view see the events as they are stored: personal data encrypted, each
        // event sealed (the write pipeline, read top to bottom in CaseWritePipeline).
        if (writePipeline is not null) options.Projections.Add(writePipeline, ProjectionLifecycle.Inline);
        // The case as decisions see it, kept current in the same transaction as its events.
        options.Projections.Add<CounselingCaseProjection>(ProjectionLifecycle.Inline);
        // Tamper evidence: every event sealed (see AddCounselingStore, which adds the sealing with its key).
        options.Schema.For<EventSeal>().Identity(s => s.Id);
        options.Schema.For<PersonalDataKey>();
        options.Schema.For<Counseling.Api.Audit.Checkpoints.StoreIdentity>();
        options.Schema.For<Counseling.Api.Audit.Checkpoints.LastCheckpoint>();
        options.Schema.For<Supervisor>();
        options.Schema.For<NikIndexEntry>().Duplicate(x => x.NikHash);
        options.Events.AddEventType<PersonalDataViewed>();
        options.Schema.For<PersonalDataListRead>();
        CounselorStreams.RegisterEventTypes(options);
        OfficialStreams.RegisterEventTypes(options);
        Counseling.Api.Audit.Checkpoints.MaintenanceRuns.RegisterEventTypes(options);
        options.AddCaseloads();
        options.AddReports();
    }

    /// <summary>
    /// Several API processes on one database: Wolverine spreads the projection shards over the running nodes
    /// (Counseling:DistributeProjections=true). Off, each process runs every projection itself (one node only).
    /// </summary>
    public static bool DistributesProjections(this WebApplicationBuilder builder) =>
        builder.Configuration.GetValue<bool>("Counseling:DistributeProjections");

    public static void AddCounselingStore(this WebApplicationBuilder builder)
    {
        var connectionString = WithLockTimeout(WithPreparedStatements(builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set. Start the service with ops/run, which starts a local PostgreSQL.")),
            builder.Configuration.GetValue(LockTimeoutSetting, TimeSpan.FromSeconds(3)));

        var martenSetup = builder.Services.AddMarten(services =>
            {
                var options = new StoreOptions();
                Configure(options, connectionString, Schema, services.GetRequiredService<CaseWritePipeline>());
                return options;
            })
            .IntegrateWithWolverine(wolverine =>
                wolverine.UseWolverineManagedEventSubscriptionDistribution = builder.DistributesProjections())
            .UseLightweightSessions()
            .InitializeWith<ReferenceDataSeed>()
            .ApplyAllDatabaseChangesOnStartup();
        // With Wolverine's distribution, Wolverine runs the daemon's shards and a Marten daemon mode must not be set.
        if (!builder.DistributesProjections()) martenSetup.AddAsyncDaemon(DaemonMode.Solo);

        // Event timestamps come from the same clock as the domain's "now", so a case as of a moment is the case as
        // its decisions saw it (and a simulated clock, in tests or demo data, stamps events consistently).
        builder.Services.ConfigureMarten((services, options) =>
        {
            options.Events.TimeProvider = services.GetRequiredService<TimeProvider>();
        });

        // Personal data is encrypted in one place, as any session saves (see Configure).
        builder.Services.AddSingleton<PersonalDataKeyRing>();
        builder.Services.AddSingleton<NikBlindIndex>();
        builder.Services.AddSingleton<PersonalDataEncryption>();
        // Tamper evidence: every event sealed with the key held outside the database, chained to its stream's previous
        // event, in the transaction that appends it; after its personal data is encrypted (CaseWritePipeline).
        builder.Services.AddSingleton(services => new EventSealing(services.GetRequiredService<SealKey>()));
        builder.Services.AddSingleton<CaseWritePipeline>();

        builder.Services.AddSingleton(TimeProvider.System);
        // The heavy reads (reports, asOf replays) on ConnectionStrings:MartenReadOnly when set, e.g. a standby.
        builder.Services.AddSingleton<ReportReads>();
    }

    public const string LockTimeoutSetting = "Counseling:LockTimeout";

    /// <summary>
    /// How long any statement of the service waits for a lock (PostgreSQL's lock_timeout) before it gives up: a write
    /// on a case another transaction holds answers 409 with Retry-After after this long (CaseLocked) rather than
    /// queueing for Npgsql's 30 s command timeout. Set on the connection, so it costs no statement per write; it also
    /// bounds the async daemon's and start-up migrations' lock waits, which then fail and are retried rather than
    /// queue behind a long transaction. A connection string that sets lock_timeout in its Options keeps it.
    /// </summary>
    private static string WithLockTimeout(string connectionString, TimeSpan timeout)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.Options?.Contains("lock_timeout", StringComparison.OrdinalIgnoreCase) == true) return connectionString;
        settings.Options = $"{settings.Options} -c lock_timeout={(int)timeout.TotalMilliseconds}".Trim();
        return settings.ConnectionString;
    }

    /// <summary>
    /// Every write sends the same few statements (lock the stream, load the snapshot and the last seal, append,
    /// upsert): Npgsql prepares them once per connection instead of PostgreSQL parsing and planning each one.
    /// Connections also skip the reset Npgsql runs each time one returns to the pool (RESET ALL, DISCARD ...): the
    /// service sets no session state, so the reset was work for nothing (docs/decisions/prepared-statements.md).
    /// A connection string that sets either keeps it.
    /// </summary>
    private static string WithPreparedStatements(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
            settings.AutoPrepareMinUsages = 2;
        }
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)) settings.NoResetOnClose = true;
        return settings.ConnectionString;
    }
}
