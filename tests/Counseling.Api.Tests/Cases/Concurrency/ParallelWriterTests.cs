using Alba;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Cases.Concurrency;

[Collection(ApiCollection.Name)]
public class ParallelWriterTests(ApiFixture api)
{
    private const int Writers = 50;

    [Fact]
    public async Task Fifty_parallel_writers_without_If_Match_all_succeed_in_order()
    {
        var caseId = await api.Host.OpenCaseAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            var result = await api.Host.Scenario(s =>
            {
                s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{caseId}/sessions");
                s.StatusCodeShouldBe(200);
            });
            return (await result.ReadAsJsonAsync<Versioned>()).Version;
        }));

        results.Should().BeEquivalentTo(Enumerable.Range(2, Writers).Select(v => (long)v),
            "each writer got its own next version");
        await using var query = api.Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(caseId);
        events.Select(e => e.Version).Should().Equal(Enumerable.Range(1, Writers + 1).Select(v => (long)v));
        var journey = await new Journey(api, caseId).ReadAsync();
        journey.GetProperty("sessionsCount").GetInt32().Should().Be(Writers);
        journey.GetProperty("version").GetInt64().Should().Be(Writers + 1);
    }

    [Fact]
    public async Task Fifty_parallel_writers_with_the_same_If_Match_let_exactly_one_through()
    {
        var caseId = await api.Host.OpenCaseAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            var result = await api.Host.Scenario(s =>
            {
                s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{caseId}/sessions");
                s.WithRequestHeader("If-Match", "\"1\"");
                s.IgnoreStatusCode();
            });
            return result.Context.Response.StatusCode;
        }));

        statuses.Count(s => s == 200).Should().Be(1);
        statuses.Count(s => s == 412).Should().Be(Writers - 1);
        await using var query = api.Store.QuerySession();
        (await query.Events.FetchStreamAsync(caseId)).Should().HaveCount(2);
    }
}
