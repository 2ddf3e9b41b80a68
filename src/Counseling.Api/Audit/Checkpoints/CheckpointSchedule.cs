namespace Counseling.Api.Audit.Checkpoints;

/// <summary>
/// Writes a checkpoint to the archive (and its destination) every <c>Audit:Checkpoints:Interval</c> (every 10 minutes by default;
/// 00:00:00 turns it off), counted from the last checkpoint issued on this store as the database records it
/// (<see cref="LastCheckpoint"/>), not from the process's start: a service restarted more often than the interval still
/// issues them, and one that was down longer issues one as soon as it is back. With none issued yet, the first is due
/// one interval after the start. Auditors so always have a recent one that the database's contents cannot contradict.
/// </summary>
public sealed class CheckpointSchedule(CheckpointLedger ledger, IConfiguration configuration, TimeProvider clock, ILogger<CheckpointSchedule> logger)
    : BackgroundService
{
    /// <summary>
    /// What an insider can delete unnoticed is what was recorded since the last checkpoint left the host: ten minutes of
    /// it at most by default. Each checkpoint reads only the events since the last one, but writes a manifest of every
    /// stream's version (its size grows with the number of cases; not measured at the benchmark's volume).
    /// </summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(10);

    private TimeSpan interval;
    private DateTimeOffset startedAt;
    private DateTimeOffset? issuedHere;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Read here rather than in ExecuteAsync, which runs later on a thread of its own: with no checkpoint yet, the first
        // is due one interval after the start, not after whenever that thread got going.
        interval = configuration.GetValue<TimeSpan?>("Audit:Checkpoints:Interval") ?? DefaultInterval;
        startedAt = clock.GetUtcNow();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (interval <= TimeSpan.Zero) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The later of the store's record and this schedule's own last one (the same moment unless the record
                // lags, or was set back by someone with the database: then this process still keeps its own pace).
                var last = await ledger.LastIssuedAtAsync(stoppingToken) ?? startedAt;
                if (issuedHere > last) last = issuedHere.Value;
                var due = last + interval;
                var wait = due - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, stoppingToken);
                    continue; // read the last checkpoint again: another process may have issued one meanwhile
                }
                var checkpoint = await ledger.IssueAsync(stoppingToken);
                issuedHere = clock.GetUtcNow();
                logger.LogInformation("Audit checkpoint written through sequence {Sequence}", checkpoint.Sequence);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                // Tried again after a pause; a missed checkpoint only widens the window the next one covers.
                logger.LogError(failure, "Writing the scheduled audit checkpoint failed");
                try { await Task.Delay(TimeSpan.FromSeconds(30), clock, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
