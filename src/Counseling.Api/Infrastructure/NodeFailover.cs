using Wolverine;

namespace Counseling.Api.Infrastructure;

/// <summary>
/// How soon the nodes that share the projection shards (Counseling:DistributeProjections=true) give up on a node that
/// stopped answering and take over its shards, from the section Counseling:Failover. Until they do, the views fed by
/// that node's shards stand still. Taking over from a node that is only slow (a long GC pause, a starved VM) is worse
/// than waiting: both run the shard, and the slow one's work is thrown away when it comes back. The defaults and the
/// reasoning behind them: docs/decisions/projection-failover.md.
/// </summary>
public sealed class NodeFailover
{
    public const string Section = "Counseling:Failover";

    /// <summary>
    /// How often each node writes its heartbeat and, separately, checks the others' (Wolverine's
    /// <see cref="DurabilitySettings.HealthCheckPollingTime"/>). A node gone silent is noticed at most this long after
    /// it is due.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How old a node's last heartbeat may be before the others treat it as gone: the leader reassigns its shards on
    /// the first check that finds it older (Wolverine's <see cref="DurabilitySettings.StaleNodeTimeout"/>). A node that
    /// stalls for less than this minus one <see cref="HeartbeatInterval"/> keeps its shards.
    /// </summary>
    public TimeSpan StaleNodeTimeout { get; set; } = TimeSpan.FromSeconds(7);

    public static NodeFailover From(IConfiguration configuration)
    {
        var failover = configuration.GetSection(Section).Get<NodeFailover>() ?? new NodeFailover();
        var problems = failover.Problems().ToList();
        if (problems.Count > 0) throw new InvalidOperationException($"{Section}: {string.Join(" ", problems)}");
        return failover;
    }

    /// <summary>Settings under which a healthy node could be taken for dead, or a dead one never noticed.</summary>
    public IEnumerable<string> Problems()
    {
        if (HeartbeatInterval <= TimeSpan.Zero) yield return "HeartbeatInterval must be positive.";
        // A live node's heartbeat is up to one interval old when it is checked, and a write may be late by a few
        // hundred milliseconds on a busy machine: below three intervals, a node that misses one beat is taken over.
        if (StaleNodeTimeout < HeartbeatInterval * 3)
            yield return $"StaleNodeTimeout ({StaleNodeTimeout}) must be at least three HeartbeatIntervals ({HeartbeatInterval * 3}).";
    }

    public void ApplyTo(DurabilitySettings durability)
    {
        durability.HealthCheckPollingTime = HeartbeatInterval;
        durability.StaleNodeTimeout = StaleNodeTimeout;
    }
}
