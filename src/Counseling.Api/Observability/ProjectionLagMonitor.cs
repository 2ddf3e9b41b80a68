using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Marten;

namespace Counseling.Api.Observability;

/// <summary>
/// How far each async projection is behind the event store, as the metric counseling.projection.lag (events behind,
/// label "projection"), and whether the projections are running at all (the readiness check). The database is asked
/// every few seconds in the background, never on a scrape or a request.
/// </summary>
public sealed class ProjectionLagMonitor : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>A projection that is behind and has not moved for this long is stalled.</summary>
    public static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(60);

    private readonly IDocumentStore store;
    private readonly TimeProvider clock;
    private readonly ILogger<ProjectionLagMonitor> logger;
    private readonly ConcurrentDictionary<string, Progress> progress = new();

    public ProjectionLagMonitor(IDocumentStore store, TimeProvider clock, IMeterFactory meters, ILogger<ProjectionLagMonitor> logger)
    {
        this.store = store;
        this.clock = clock;
        this.logger = logger;
        meters.Create(CounselingTelemetry.MeterName).CreateObservableGauge(
            "counseling.projection.lag",
            () => progress.Select(p => new Measurement<long>(p.Value.Behind, new KeyValuePair<string, object?>("projection", p.Key))),
            unit: "{event}",
            description: "Events stored that the async projection has not processed yet.");
    }

    /// <summary>When the last reading succeeded; null before the first.</summary>
    public DateTimeOffset? LastReadAt { get; private set; }

    public IReadOnlyDictionary<string, Progress> Projections => progress;

    public sealed record Progress(long Sequence, long Behind, DateTimeOffset MovedAt);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await ReadAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not read the projections' progress");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task ReadAsync(CancellationToken cancellation)
    {
        var statistics = await store.Advanced.FetchEventStoreStatistics(token: cancellation);
        var shards = await store.Advanced.AllProjectionProgress(token: cancellation);
        var now = clock.GetUtcNow();
        foreach (var shard in shards.Where(s => s.ShardName != "HighWaterMark"))
        {
            var behind = Math.Max(0, statistics.EventSequenceNumber - shard.Sequence);
            progress.AddOrUpdate(shard.ShardName,
                _ => new Progress(shard.Sequence, behind, now),
                (_, previous) => new Progress(shard.Sequence, behind, previous.Sequence == shard.Sequence ? previous.MovedAt : now));
        }
        LastReadAt = now;
    }
}
