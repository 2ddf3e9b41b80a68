using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Audit;

[Collection(ApiCollection.Name)]
public class ReplayTests(ApiFixture api)
{
    private async Task<JsonElement> GetJsonAsync(string url, int status = 200)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(api.TokenFor("a-001", Role.Auditor, null));
            s.StatusCodeShouldBe(status);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
    }

    private async Task<Journey> LongJourneyAsync()
    {
        var journey = await Journey.OpenAsync(api);
        for (var i = 0; i < 12; i++) await journey.LogSessionAsync();
        await journey.AssessAsync("readyForWork");
        var first = await journey.ReferToJobAsync("PT Sinar Cikarang Plastik");
        await journey.JobOutcomeAsync(first, "rejected");
        journey = await journey.HandOverAsync("c-006");
        var second = await journey.ReferToJobAsync();
        await journey.JobOutcomeAsync(second, "interviewScheduled");
        await journey.JobOutcomeAsync(second, "hired");
        await journey.PlaceAsync(second);
        await journey.CloseAsync("placed");
        return journey;
    }

    [Fact]
    public async Task Every_event_is_listed_in_order_with_who_when_why_and_a_chained_seal()
    {
        var journey = await Journey.OpenAsync(api);
        await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{journey.CaseId}/sessions");
            s.WithRequestHeader("X-Correlation-ID", "walk-in-interview-2026-11");
        });
        for (var i = 0; i < 19; i++) await journey.LogSessionAsync();

        var events = (await GetJsonAsync($"/cases/{journey.CaseId}/events")).EnumerateArray().ToList();

        events.Should().HaveCount(21);
        events.Select(e => e.GetProperty("version").GetInt64()).Should().Equal(Enumerable.Range(1, 21).Select(v => (long)v));
        events.Select(e => e.GetProperty("sequence").GetInt64()).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        events[0].GetProperty("type").GetString().Should().Be("case_opened");
        events[0].GetProperty("data").GetProperty("worker").GetProperty("fullName").GetString().Should().Be("Siti Rahmawati");
        events[1].GetProperty("correlationId").GetString().Should().Be("walk-in-interview-2026-11");
        events.Should().OnlyContain(e => !string.IsNullOrEmpty(e.GetProperty("causationId").GetString()));
        events.Select(e => e.GetProperty("recordedBy").GetProperty("userId").GetString()).Should().AllBe("c-001");
        events.Select(e => e.GetProperty("recordedBy").GetProperty("role").GetString()).Should().AllBe("counselor");
        events.Select(e => e.GetProperty("timestamp").GetDateTimeOffset()).Should().BeInAscendingOrder();
        for (var i = 1; i < events.Count; i++)
            events[i].GetProperty("previousHash").GetString().Should().Be(events[i - 1].GetProperty("hash").GetString());
    }

    [Fact]
    public async Task A_case_as_of_a_moment_between_two_sessions_is_rebuilt_from_its_events()
    {
        var journey = await LongJourneyAsync();
        var events = (await GetJsonAsync($"/cases/{journey.CaseId}/events")).EnumerateArray().ToList();
        var fifth = events[4].GetProperty("timestamp").GetDateTimeOffset();
        var sixth = events[5].GetProperty("timestamp").GetDateTimeOffset();
        var between = fifth + (sixth - fifth) / 2;

        var asOf = await GetJsonAsync($"/cases/{journey.CaseId}?asOf={Uri.EscapeDataString(between.ToString("O"))}");

        asOf.GetProperty("version").GetInt64().Should().Be(5);
        asOf.GetProperty("sessionsCount").GetInt32().Should().Be(4);
        asOf.GetProperty("stage").GetString().Should().Be("intake");
        asOf.GetProperty("counselorId").GetString().Should().Be("c-001");

        var now = await GetJsonAsync($"/cases/{journey.CaseId}");
        now.GetProperty("stage").GetString().Should().Be("closed");
        now.GetProperty("counselorId").GetString().Should().Be("c-006");
    }

    [Fact]
    public async Task A_case_at_a_version_shows_only_its_first_events()
    {
        var journey = await LongJourneyAsync();

        var atSixteen = await GetJsonAsync($"/cases/{journey.CaseId}?version=16");

        atSixteen.GetProperty("version").GetInt64().Should().Be(16);
        atSixteen.GetProperty("stage").GetString().Should().Be("jobSearch");
        atSixteen.GetProperty("jobReferrals")[0].GetProperty("outcome").GetString().Should().Be("rejected");
        await GetJsonAsync($"/cases/{journey.CaseId}?version=0", 400);
        await GetJsonAsync($"/cases/{journey.CaseId}?asOf=2001-01-01T00:00:00Z", 404);
    }

    [Fact]
    public async Task The_history_reads_as_the_journey_with_the_reassignment_and_its_actor()
    {
        var journey = await LongJourneyAsync();

        var history = await GetJsonAsync($"/cases/{journey.CaseId}/history");

        var entries = history.GetProperty("entries").EnumerateArray().ToList();
        entries.Should().HaveCount(22);
        history.GetProperty("currentStage").GetString().Should().Be("closed");
        var reassignment = entries.Single(e => e.GetProperty("what").GetString()!.StartsWith("Case reassigned"));
        reassignment.GetProperty("what").GetString().Should().Contain("from c-001 to c-006");
        reassignment.GetProperty("by").GetProperty("userId").GetString().Should().Be("s-001");
        reassignment.GetProperty("by").GetProperty("role").GetString().Should().Be("supervisor");
        entries.First().GetProperty("by").GetProperty("userId").GetString().Should().Be("c-001");
        entries.Last().GetProperty("by").GetProperty("userId").GetString().Should().Be("c-006");
        entries.Last().GetProperty("what").GetString().Should().StartWith("Case closed");
        entries.Select(e => e.GetProperty("what").GetString()).Should().NotContain(w => w!.Contains("3216061505900001"));
    }
}
