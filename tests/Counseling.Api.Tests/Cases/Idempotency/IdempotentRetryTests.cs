using Alba;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Cases.Idempotency;

[Collection(ApiCollection.Name)]
public class IdempotentRetryTests(ApiFixture api)
{
    [Fact]
    public async Task A_retried_intake_with_the_same_key_returns_the_first_answer_and_opens_one_case()
    {
        var key = Guid.NewGuid().ToString();
        var request = Requests.OpenCase(nik: "3216061505900777");

        var first = await api.Host.Scenario(s =>
        {
            s.Post.Json(request).ToUrl("/cases");
            s.WithRequestHeader("Idempotency-Key", key);
            s.StatusCodeShouldBe(201);
        });
        var before = await api.EventCountAsync();

        var retry = await api.Host.Scenario(s =>
        {
            s.Post.Json(request).ToUrl("/cases");
            s.WithRequestHeader("Idempotency-Key", key);
            s.StatusCodeShouldBe(201);
        });

        (await retry.ReadAsTextAsync()).Should().Be(await first.ReadAsTextAsync());
        retry.Context.Response.Headers.Location.ToString().Should().Be(first.Context.Response.Headers.Location.ToString());
        (await api.EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_retried_session_with_the_same_key_appends_once()
    {
        var caseId = await api.Host.OpenCaseAsync();
        var key = Guid.NewGuid().ToString();
        var session = Requests.LogSession(api.Now);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var result = await api.Host.Scenario(s =>
            {
                s.Post.Json(session).ToUrl($"/cases/{caseId}/sessions");
                s.WithRequestHeader("Idempotency-Key", key);
                s.StatusCodeShouldBe(200);
            });
            (await result.ReadAsJsonAsync<Versioned>()).Version.Should().Be(2);
        }

        await using var query = api.Store.QuerySession();
        (await query.Events.FetchStreamAsync(caseId)).Should().HaveCount(2);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_422_and_appends_nothing()
    {
        var caseId = await api.Host.OpenCaseAsync();
        var key = Guid.NewGuid().ToString();
        await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{caseId}/sessions");
            s.WithRequestHeader("Idempotency-Key", key);
        });
        var before = await api.EventCountAsync();

        await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now, mode: "phone")).ToUrl($"/cases/{caseId}/sessions");
            s.WithRequestHeader("Idempotency-Key", key);
            s.StatusCodeShouldBe(422);
        });

        (await api.EventCountAsync()).Should().Be(before);
    }
}
