using Counseling.Api.Cases;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Weasel.Core;
using Wolverine.Marten;

namespace Counseling.Api.Infrastructure;

public static class StoreConfiguration
{
    public const string ConnectionStringName = "Marten";

    public static void AddCounselingStore(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set. Start the service with ops/run, which starts a local PostgreSQL.");

        builder.Services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = "counseling";
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                // Quick appends skip a round trip per stream and are what the async daemon copes with best.
                options.Events.AppendMode = EventAppendMode.Quick;
                options.Events.UseIdentityMapForAggregates = true;
                // Auditors need who, why and in what chain of requests every event was recorded.
                options.Events.MetadataConfig.EnableAll();

                // The case as decisions see it, kept current in the same transaction as its events.
                options.Projections.Add<CounselingCaseProjection>(ProjectionLifecycle.Inline);
            })
            .IntegrateWithWolverine()
            .UseLightweightSessions()
            .AddAsyncDaemon(DaemonMode.Solo)
            .ApplyAllDatabaseChangesOnStartup();

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddSingleton(TimeProvider.System);
    }
}
