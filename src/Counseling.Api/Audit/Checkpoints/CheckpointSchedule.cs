namespace Counseling.Api.Audit.Checkpoints;

/// <summary>
/// Writes a checkpoint to the archive every <c>Audit:Checkpoints:Interval</c> (hourly by default; 00:00:00 turns it
/// off), counted from the service's start, so that auditors always have a recent one that the database's own
/// contents cannot contradict.
/// </summary>
public sealed class CheckpointSchedule(CheckpointLedger ledger, IConfiguration configuration, TimeProvider clock, ILogger<CheckpointSchedule> logger)
    : BackgroundService
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    private PeriodicTimer? timer;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Started here rather than in ExecuteAsync, which runs later on a thread of its own: the first checkpoint is
        // due one interval after the start, not after whenever that thread got going.
        var interval = configuration.GetValue<TimeSpan?>("Audit:Checkpoints:Interval") ?? DefaultInterval;
        timer = interval > TimeSpan.Zero ? new PeriodicTimer(interval, clock) : null;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (timer is null) return;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var checkpoint = await ledger.IssueAsync(stoppingToken);
                logger.LogInformation("Audit checkpoint written through sequence {Sequence}", checkpoint.Sequence);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The next tick tries again; a missed checkpoint only widens the window the next one covers.
                logger.LogError(failure, "Writing the scheduled audit checkpoint failed");
            }
        }
    }

    public override void Dispose()
    {
        timer?.Dispose();
        base.Dispose();
    }
}
