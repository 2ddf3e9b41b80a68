using System.Text;
using System.Text.Json;
using Alba;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Resilience;

/// <summary>
/// A body sent without a Content-Length (Transfer-Encoding: chunked) meets the same 64 KiB limit as one that declares
/// its length: 413 problem details and nothing written, not a JSON reader's 400; under the limit it is read as usual.
/// </summary>
[Collection(ApiCollection.Name)]
public class ChunkedBodyTests(ApiFixture api)
{
    private Task<IScenarioResult> SendChunkedAsync(string url, string json, int expected) => api.Host.Scenario(s =>
    {
        s.Post.Url(url);
        s.WithRequestHeader("Idempotency-Key", Guid.NewGuid().ToString());
        s.ConfigureHttpContext(http =>
        {
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
            http.Request.ContentLength = null;
            http.Request.Headers.TransferEncoding = "chunked";
        });
        s.StatusCodeShouldBe(expected);
    });

    private string SessionJson(string notes) => JsonSerializer.Serialize(new
    {
        heldAt = api.Now, mode = "phone", durationMinutes = 20, topics = new[] { "labourMarketInformation" }, notes,
    });

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_problem_details_and_writes_nothing()
    {
        var caseId = await api.Host.OpenCaseAsync();
        var before = await api.FootprintAsync();

        var refused = await SendChunkedAsync($"/cases/{caseId}/sessions", SessionJson(new string('x', 70_000)), 413);

        refused.Context.Response.ContentType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(await refused.ReadAsTextAsync()).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(413);
        problem.GetProperty("detail").GetString().Should().Be("Request bodies are at most 64 KiB.");
        (await api.FootprintAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_chunked_body_under_the_limit_is_read_as_any_other()
    {
        var caseId = await api.Host.OpenCaseAsync();
        var before = await api.EventCountAsync();

        await SendChunkedAsync($"/cases/{caseId}/sessions", SessionJson("Info lowongan operator."), 200);

        (await api.EventCountAsync()).Should().Be(before + 1);
    }
}
