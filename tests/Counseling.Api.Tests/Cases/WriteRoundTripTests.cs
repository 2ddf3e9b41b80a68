using System.Collections.Concurrent;
using System.Diagnostics;
using Alba;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Cases;

/// <summary>
/// What one session write asks PostgreSQL, as Npgsql's own spans show it: each span is one round trip (a command or a
/// batch). The request is given its own trace id (traceparent), so spans of the daemon or of other requests are not counted.
/// </summary>
[Collection(ApiCollection.Name)]
public class WriteRoundTripTests(ApiFixture api)
{
    private sealed record RoundTrip(string Statements);

    private async Task<IReadOnlyList<RoundTrip>> RoundTripsOfAsync(Func<string, Task> request)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var trips = new ConcurrentQueue<(DateTime Start, RoundTrip Trip)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name != "Npgsql" || activity.TraceId != traceId) return;
                var text = activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement") ?? activity.DisplayName;
                trips.Enqueue((activity.StartTimeUtc, new RoundTrip(text?.ToString() ?? "")));
            },
        };
        ActivitySource.AddActivityListener(listener);
        await request($"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        return [.. trips.OrderBy(t => t.Start).Select(t => t.Trip)];
    }

    [Fact]
    public async Task A_session_write_reads_its_last_seal_and_data_key_in_one_round_trip_after_the_lock()
    {
        var journey = await Journey.OpenAsync(api);
        await journey.LogSessionAsync();
        api.Clock.Advance(TimeSpan.FromSeconds(1));

        var trips = await RoundTripsOfAsync(traceparent => api.Host.Scenario(s =>
        {
            s.Post.Json(new
                {
                    heldAt = api.Now, mode = "inPerson", durationMinutes = 30, topics = new[] { "labourMarketInformation" },
                    notes = "Membahas lowongan operator di Cikarang.",
                })
                .ToUrl($"/cases/{journey.CaseId}/sessions");
            s.WithRequestHeader("traceparent", traceparent);
            s.WithRequestHeader("Idempotency-Key", Guid.NewGuid().ToString());
            s.StatusCodeShouldBe(200);
        }));

        var statements = trips.Select(t => t.Statements).ToList();
        statements.Should().NotBeEmpty("Npgsql traces every command of the request");
        var lockIndex = statements.FindIndex(s => s.Contains("for update", StringComparison.OrdinalIgnoreCase));
        // A document read is "select ... from <table> as d"; the seal's upsert names the table too, but not so.
        var sealReads = statements.FindAll(s => s.Contains("mt_doc_eventseal as d"));
        var keyReads = statements.FindAll(s => s.Contains("mt_doc_personaldatakey as d"));
        lockIndex.Should().BeGreaterThanOrEqualTo(0, "the write locks its stream: " + string.Join(" | ", statements));
        sealReads.Should().ContainSingle("the last seal is read once: " + string.Join(" | ", statements));
        keyReads.Should().ContainSingle("the data key is read once: " + string.Join(" | ", statements));
        sealReads[0].Should().BeSameAs(keyReads[0], "the seal and the key come in the same round trip");
        statements.IndexOf(sealReads[0]).Should().Be(lockIndex + 1, "right after the lock and the snapshot");
        // The key's stored answer, the lock with the snapshot, the seal with the key, the append batch; then the commit.
        statements.Should().HaveCount(4, string.Join(" | ", statements));
    }
}
