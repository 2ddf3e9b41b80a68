using Counseling.Api.Audit;
using Counseling.Api.Caseloads;
using Counseling.Api.Cases;
using Counseling.Api.PersonalData;
using Counseling.Api.ReferenceData;
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
    /// The event store: its schema, serialization, events and projections. Also used by verify to rebuild every
    /// projection from a copy of the events in a schema of its own.
    /// </summary>
    public static void Configure(StoreOptions options, string connectionString, string schema)
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
        // and woke the daemon for every append, one or two events a batch: ops/bench measured 0.8 ms less API CPU and
        // 0.6 ms less database CPU per session write without it (543 to 945 writes/s at 16 connections), with
        // projection lag p95 of 296 ms against 265 ms.
        options.Events.UseListenNotifyForEventAppends = false;
        // Traces of each session's connection and commands, and a counter of committed writes per journey step (the
        // event type that opens each stream's share of a commit): a fixed vocabulary, no case or personal data.
        options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
        options.OpenTelemetry.TrackEventCounters();
        options.OpenTelemetry.ExportCounterOnChangeSets<long>("counseling.journey.writes", "{write}", JourneyWrites.Record);
        options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(100);
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(100);

        // The case as decisions see it, kept current in the same transaction as its events.
        options.Projections.Add<CounselingCaseProjection>(ProjectionLifecycle.Inline);
        // Tamper evidence: every event sealed, chained to its stream's previous event, as it is appended.
        options.Projections.Add(new EventSealing(), ProjectionLifecycle.Inline);
        options.Schema.For<EventSeal>().Identity(s => s.Id);
        options.Schema.For<PersonalDataKey>();
        options.AddCaseloads();
    }

    /// <summary>
    /// Several API processes on one database: Wolverine spreads the projection shards over the running nodes
    /// (Counseling:DistributeProjections=true). Off, each process runs every projection itself (one node only).
    /// </summary>
    public static bool DistributesProjections(this WebApplicationBuilder builder) =>
        builder.Configuration.GetValue<bool>("Counseling:DistributeProjections");

    public static void AddCounselingStore(this WebApplicationBuilder builder)
    {
        var connectionString = WithPreparedStatements(builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set. Start the service with ops/run, which starts a local PostgreSQL."));

        var martenSetup = builder.Services.AddMarten(options => Configure(options, connectionString, Schema))
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
            options.Events.TimeProvider = services.GetRequiredService<TimeProvider>());

        builder.Services.AddSingleton(TimeProvider.System);
    }

    /// <summary>
    /// Every write sends the same few statements (lock the stream, load the snapshot and the last seal, append,
    /// upsert): Npgsql prepares them once per connection instead of PostgreSQL parsing and planning each one.
    /// ops/bench measured the database's CPU per session write falling from 1.4 to 0.8 ms. Connections also skip the
    /// reset Npgsql runs each time one returns to the pool (RESET ALL, DISCARD ...): the service sets no session
    /// state, and the reset cost the database about 0.1 ms per write. A connection string that sets either keeps it.
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
