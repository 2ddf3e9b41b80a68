using Counseling.Api.Audit.Checkpoints;
using Counseling.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Counseling.Api.Tests.Audit;

[Collection(ApiCollection.Name)]
public class CheckpointScheduleTests(ApiFixture api)
{
    private static IConfiguration Interval(string interval) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Audit:Checkpoints:Interval"] = interval }).Build();

    private string[] Archived() => Directory.GetFiles(api.CheckpointDirectory, "checkpoint-*.json");

    [Fact]
    public async Task A_checkpoint_is_archived_each_time_the_interval_passes_and_not_before()
    {
        await Journey.OpenAsync(api);
        var ledger = api.Host.Services.GetRequiredService<CheckpointLedger>();
        // The next checkpoint is due an interval after the last one the store recorded (or after the start, if none).
        var clock = new FakeTimeProvider(await ledger.LastIssuedAtAsync(CancellationToken.None) ?? ApiFixture.Start);
        using var schedule = new CheckpointSchedule(
            api.Host.Services.GetRequiredService<CheckpointLedger>(), Interval("00:30:00"), clock, NullLogger<CheckpointSchedule>.Instance);
        foreach (var file in Archived()) File.Delete(file);

        await schedule.StartAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(29));
        await Task.Delay(300);
        Archived().Should().BeEmpty();

        clock.Advance(TimeSpan.FromMinutes(1));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Archived().Length == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        await schedule.StopAsync(CancellationToken.None);

        Archived().Should().ContainSingle();
    }

    [Fact]
    public async Task An_interval_of_zero_writes_none()
    {
        var clock = new FakeTimeProvider();
        using var schedule = new CheckpointSchedule(
            api.Host.Services.GetRequiredService<CheckpointLedger>(), Interval("00:00:00"), clock, NullLogger<CheckpointSchedule>.Instance);
        foreach (var file in Archived()) File.Delete(file);

        await schedule.StartAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(1));
        await Task.Delay(300);
        await schedule.StopAsync(CancellationToken.None);

        Archived().Should().BeEmpty();
    }

    [Fact]
    public async Task A_restart_does_not_push_the_next_checkpoint_back_one_overdue_is_issued_at_once()
    {
        await Journey.OpenAsync(api);
        var ledger = api.Host.Services.GetRequiredService<CheckpointLedger>();
        await ledger.IssueAsync(CancellationToken.None);
        var last = (await ledger.LastIssuedAtAsync(CancellationToken.None))!.Value;
        foreach (var file in Archived()) File.Delete(file);
        await Journey.OpenAsync(api); // something to commit to, so the next checkpoint has a sequence of its own

        // A process starting 45 minutes after the last checkpoint, with a 30-minute interval: one is overdue.
        var clock = new FakeTimeProvider(last.AddMinutes(45));
        using var schedule = new CheckpointSchedule(ledger, Interval("00:30:00"), clock, NullLogger<CheckpointSchedule>.Instance);
        await schedule.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Archived().Length == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        await schedule.StopAsync(CancellationToken.None);

        Archived().Should().ContainSingle("the checkpoint was due 15 minutes before the start, not 30 minutes after it");
    }
}
