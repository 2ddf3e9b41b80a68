using Counseling.Api.Infrastructure;
using Microsoft.Extensions.Configuration;
using Wolverine;

namespace Counseling.Api.Tests.Infrastructure;

/// <summary>
/// The failover settings the nodes get from configuration (ops/two-nodes shows what they do: a killed node's shards
/// taken over within 10 s, a node paused for 5 s keeping its own).
/// </summary>
public class NodeFailoverTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();

    [Fact]
    public void Without_settings_a_node_beats_every_second_and_is_taken_for_gone_after_seven()
    {
        var durability = new DurabilitySettings();

        NodeFailover.From(Configuration()).ApplyTo(durability);

        durability.HealthCheckPollingTime.Should().Be(TimeSpan.FromSeconds(1));
        durability.StaleNodeTimeout.Should().Be(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public void Settings_from_configuration_reach_Wolverine()
    {
        var durability = new DurabilitySettings();

        NodeFailover.From(Configuration(
                ("Counseling:Failover:HeartbeatInterval", "00:00:02"),
                ("Counseling:Failover:StaleNodeTimeout", "00:00:15")))
            .ApplyTo(durability);

        durability.HealthCheckPollingTime.Should().Be(TimeSpan.FromSeconds(2));
        durability.StaleNodeTimeout.Should().Be(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void A_timeout_within_three_heartbeats_is_refused_at_start()
    {
        var configure = () => NodeFailover.From(Configuration(
            ("Counseling:Failover:HeartbeatInterval", "00:00:02"),
            ("Counseling:Failover:StaleNodeTimeout", "00:00:05")));

        configure.Should().Throw<InvalidOperationException>()
            .WithMessage("Counseling:Failover: StaleNodeTimeout (00:00:05) must be at least three HeartbeatIntervals (00:00:06).");
    }

    [Fact]
    public void A_heartbeat_interval_of_zero_is_refused_at_start()
    {
        var configure = () => NodeFailover.From(Configuration(("Counseling:Failover:HeartbeatInterval", "00:00:00")));

        configure.Should().Throw<InvalidOperationException>()
            .WithMessage("Counseling:Failover: HeartbeatInterval must be positive.");
    }
}
