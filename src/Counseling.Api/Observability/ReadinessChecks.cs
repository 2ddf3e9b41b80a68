using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Counseling.Api.Observability;

/// <summary>
/// Ready only while the async projections run: their progress has been read recently, and none is behind without
/// having moved for <see cref="ProjectionLagMonitor.StallAfter"/>. (The caseloads and dashboards read their output.)
/// </summary>
public sealed class ProjectionsRunningCheck(ProjectionLagMonitor monitor, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (monitor.LastReadAt is not { } readAt || now - readAt > ProjectionLagMonitor.StallAfter)
            return Task.FromResult(HealthCheckResult.Unhealthy("The projections' progress has not been read yet or lately."));
        var stalled = monitor.Projections
            .Where(p => p.Value.Behind > 0 && now - p.Value.MovedAt > ProjectionLagMonitor.StallAfter)
            .Select(p => $"{p.Key} ({p.Value.Behind} events behind)")
            .ToList();
        return Task.FromResult(stalled.Count == 0
            ? HealthCheckResult.Healthy($"{monitor.Projections.Count} async projections are running.")
            : HealthCheckResult.Unhealthy("Stalled: " + string.Join(", ", stalled)));
    }
}
