using System.Text.Json;
using Alba;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Cases.Sessions;

[Collection(ApiCollection.Name)]
public class LogSessionTests(ApiFixture api)
{
    [Fact]
    public async Task A_logged_session_moves_the_version_and_shows_in_the_case()
    {
        var caseId = await api.Host.OpenCaseAsync();
        var heldAt = api.Now;
        var followUp = api.Today.AddDays(14).ToString("yyyy-MM-dd");

        var logged = await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(heldAt, followUp)).ToUrl($"/cases/{caseId}/sessions");
            s.StatusCodeShouldBe(200);
        });
        (await logged.ReadAsJsonAsync<Versioned>()).Version.Should().Be(2);

        var read = await api.Host.Scenario(s => s.Get.Url($"/cases/{caseId}"));
        using var json = JsonDocument.Parse(await read.ReadAsTextAsync());
        json.RootElement.GetProperty("version").GetInt64().Should().Be(2);
        json.RootElement.GetProperty("sessionsCount").GetInt32().Should().Be(1);
        json.RootElement.GetProperty("lastContactAt").GetDateTimeOffset().Should().Be(heldAt);
        json.RootElement.GetProperty("nextFollowUpOn").GetString().Should().Be(followUp);
        read.Context.Response.Headers.ETag.ToString().Should().Be("\"2\"");
    }

    [Fact]
    public async Task A_session_for_an_unknown_case_is_404_and_writes_nothing()
    {
        var before = await api.EventCountAsync();

        await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{Guid.NewGuid()}/sessions");
            s.StatusCodeShouldBe(404);
        });

        (await api.EventCountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("heldAt", 30, null)]
    [InlineData("nextFollowUpOn", 0, "2020-01-01")]
    public async Task A_session_in_the_future_or_a_follow_up_before_it_is_400(string field, int minutesAhead, string? followUp)
    {
        var caseId = await api.Host.OpenCaseAsync();
        var before = await api.EventCountAsync();

        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now.AddMinutes(minutesAhead), followUp)).ToUrl($"/cases/{caseId}/sessions");
            s.StatusCodeShouldBe(400);
        });

        using var problem = JsonDocument.Parse(await result.ReadAsTextAsync());
        problem.RootElement.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
        (await api.EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Missing_and_unknown_values_are_named_and_nothing_is_written()
    {
        var caseId = await api.Host.OpenCaseAsync();
        var before = await api.EventCountAsync();

        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(new { durationMinutes = -5, topics = Array.Empty<string>() }).ToUrl($"/cases/{caseId}/sessions");
            s.StatusCodeShouldBe(400);
        });
        using var problem = JsonDocument.Parse(await result.ReadAsTextAsync());
        var errors = problem.RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo("heldAt", "mode", "durationMinutes", "topics");

        var unknownMode = await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now, mode: "carrierPigeon")).ToUrl($"/cases/{caseId}/sessions");
            s.StatusCodeShouldBe(400);
        });
        (await unknownMode.ReadAsTextAsync()).Should().Contain("$.mode");
        (await api.EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_stale_If_Match_is_412_and_the_current_one_succeeds()
    {
        var caseId = await api.Host.OpenCaseAsync();
        await api.Host.Scenario(s => s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{caseId}/sessions"));
        var before = await api.EventCountAsync();

        var stale = await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{caseId}/sessions");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(412);
        });
        (await stale.ReadAsTextAsync()).Should().Contain("version 2");
        (await api.EventCountAsync()).Should().Be(before);

        await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{caseId}/sessions");
            s.WithRequestHeader("If-Match", "\"2\"");
            s.StatusCodeShouldBe(200);
        });
    }
}
