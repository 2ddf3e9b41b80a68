namespace Counseling.Api.Audit.Checkpoints;

/// <summary>
/// Writes a checkpoint to the archive every <c>Audit:Checkpoints:Interval</c> (hourly by default; 00:00:00 turns it
/// off), so that auditors always have a recent one that the database's own contents cannot contradict.
/// </summary>
public sealed class CheckpointSchedule(CheckpointLedger ledger, IConfiguration configuration, TimeProvider clock, ILogger<CheckpointSchedule> logger)
    : BackgroundService
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue<TimeSpan?>("Audit:Checkpoints:Interval") ?? DefaultInterval;
        if (interval <= TimeSpan.Zero) return;

        using var timer = new PeriodicTimer(interval, clock);
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
}
