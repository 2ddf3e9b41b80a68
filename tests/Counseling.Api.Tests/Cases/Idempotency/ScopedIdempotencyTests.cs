using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Cases.Idempotency;

/// <summary>
/// An Idempotency-Key belongs to its caller: another caller who sends the same key and body gets the answer their own
/// access gives, never the first caller's. A replay is checked as the first request was, and carries its ETag and Location.
/// </summary>
[Collection(ApiCollection.Name)]
public class ScopedIdempotencyTests(ApiFixture api)
{
    private string Dewi => api.TokenFor("c-001", Role.Counselor, "bekasi");
    private string Siti => api.TokenFor("c-006", Role.Counselor, "bekasi");
    private string JakartaCounselor => api.TokenFor("c-003", Role.Counselor, "pasker-jakarta");

    [Fact]
    public async Task Another_counselors_key_and_body_on_an_intake_do_not_hand_over_the_new_case()
    {
        var key = Guid.NewGuid().ToString();
        var request = Requests.OpenCase(nik: "3216061505900801");
        var first = await api.Host.Scenario(s =>
        {
            s.Post.Json(request).ToUrl("/cases");
            s.WithRequestHeader("Idempotency-Key", key);
            s.WithBearerToken(Dewi);
            s.StatusCodeShouldBe(201);
        });
        var caseId = (await first.ReadAsJsonAsync<Versioned>()).Id;
        var before = await api.EventCountAsync();

        foreach (var other in new[] { Siti, JakartaCounselor })
        {
            var answer = await api.Host.Scenario(s =>
            {
                s.Post.Json(request).ToUrl("/cases");
                s.WithRequestHeader("Idempotency-Key", key);
                s.WithBearerToken(other);
                s.StatusCodeShouldBe(403);
            });
            var text = await answer.ReadAsTextAsync();
            text.Should().NotContain(caseId.ToString());
            answer.Context.Response.Headers.Location.ToString().Should().BeEmpty();
        }
        (await api.EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Another_counselors_key_and_body_on_a_session_are_refused_as_without_the_key()
    {
        var caseId = await api.Host.OpenCaseAsync();
        var key = Guid.NewGuid().ToString();
        var session = Requests.LogSession(api.Now);
        await api.Host.Scenario(s =>
        {
            s.Post.Json(session).ToUrl($"/cases/{caseId}/sessions");
            s.WithRequestHeader("Idempotency-Key", key);
            s.WithBearerToken(Dewi);
            s.StatusCodeShouldBe(200);
        });
        var before = await api.EventCountAsync();

        var answer = await api.Host.Scenario(s =>
        {
            s.Post.Json(session).ToUrl($"/cases/{caseId}/sessions");
            s.WithRequestHeader("Idempotency-Key", key);
            s.WithBearerToken(JakartaCounselor);
            s.StatusCodeShouldBe(403);
        });
        JsonDocument.Parse(await answer.ReadAsTextAsync()).RootElement.GetProperty("detail").GetString()
            .Should().Be("The case is assigned to another counselor.");
        (await api.EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_key_is_the_callers_own_even_between_two_who_may_both_write_the_case()
    {
        // Two supervisors of Bekasi may both reassign its cases: the second one's request with the first one's key
        // is decided on its own (the case is already with c-006: 409), not answered with the first one's 200.
        await api.Host.Scenario(s =>
        {
            s.Put.Json(new { fullName = "Wahyu Hidayat, S.E.", officeId = "bekasi" }).ToUrl("/supervisors/s-180");
            s.WithBearerToken(api.TokenFor("adm-001", Role.Admin, null));
            s.StatusCodeShouldBe(200);
        });
        var caseId = await api.Host.OpenCaseAsync();
        var key = Guid.NewGuid().ToString();
        var reassignment = new { counselorId = "c-006", reason = "Cuti." };
        await api.Host.Scenario(s =>
        {
            s.Post.Json(reassignment).ToUrl($"/cases/{caseId}/reassignment");
            s.WithRequestHeader("Idempotency-Key", key);
            s.WithBearerToken(api.TokenFor("s-001", Role.Supervisor, "bekasi"));
            s.StatusCodeShouldBe(200);
        });

        var second = await api.Host.Scenario(s =>
        {
            s.Post.Json(reassignment).ToUrl($"/cases/{caseId}/reassignment");
            s.WithRequestHeader("Idempotency-Key", key);
            s.WithBearerToken(api.TokenFor("s-180", Role.Supervisor, "bekasi"));
            s.StatusCodeShouldBe(409);
        });
        JsonDocument.Parse(await second.ReadAsTextAsync()).RootElement.GetProperty("detail").GetString()
            .Should().Be("The case is already assigned to c-006.");
    }

    [Fact]
    public async Task A_replay_carries_the_first_answers_ETag_and_Location()
    {
        var key = Guid.NewGuid().ToString();
        var request = Requests.OpenCase(nik: "3216061505900802");
        var opened = await api.Host.Scenario(s =>
        {
            s.Post.Json(request).ToUrl("/cases");
            s.WithRequestHeader("Idempotency-Key", key);
            s.StatusCodeShouldBe(201);
        });
        var reopened = await api.Host.Scenario(s =>
        {
            s.Post.Json(request).ToUrl("/cases");
            s.WithRequestHeader("Idempotency-Key", key);
            s.StatusCodeShouldBe(201);
        });
        var caseId = (await opened.ReadAsJsonAsync<Versioned>()).Id;
        opened.Context.Response.Headers.ETag.ToString().Should().Be("\"2\"");
        reopened.Context.Response.Headers.ETag.ToString().Should().Be("\"2\"");
        reopened.Context.Response.Headers.Location.ToString().Should().Be($"/cases/{caseId}");

        var sessionKey = Guid.NewGuid().ToString();
        var session = Requests.LogSession(api.Now);
        var logged = await api.Host.Scenario(s =>
        {
            s.Post.Json(session).ToUrl($"/cases/{caseId}/sessions");
            s.WithRequestHeader("Idempotency-Key", sessionKey);
            s.StatusCodeShouldBe(200);
        });
        await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now, mode: "phone")).ToUrl($"/cases/{caseId}/sessions");
            s.StatusCodeShouldBe(200);
        });
        var replayed = await api.Host.Scenario(s =>
        {
            s.Post.Json(session).ToUrl($"/cases/{caseId}/sessions");
            s.WithRequestHeader("Idempotency-Key", sessionKey);
            s.StatusCodeShouldBe(200);
        });

        logged.Context.Response.Headers.ETag.ToString().Should().Be("\"3\"");
        replayed.Context.Response.Headers.ETag.ToString().Should().Be("\"3\"");
        (await replayed.ReadAsTextAsync()).Should().Be(await logged.ReadAsTextAsync());
    }

    [Fact]
    public async Task A_stored_answer_is_not_replayed_once_the_case_is_no_longer_the_callers()
    {
        var caseId = await api.Host.OpenCaseAsync();
        var key = Guid.NewGuid().ToString();
        var session = Requests.LogSession(api.Now);
        await api.Host.Scenario(s =>
        {
            s.Post.Json(session).ToUrl($"/cases/{caseId}/sessions");
            s.WithRequestHeader("Idempotency-Key", key);
            s.StatusCodeShouldBe(200);
        });
        await api.Host.Scenario(s =>
        {
            s.Post.Json(new { counselorId = "c-006", reason = "Cuti melahirkan." }).ToUrl($"/cases/{caseId}/reassignment");
            s.WithBearerToken(api.TokenFor("s-001", Role.Supervisor, "bekasi"));
            s.StatusCodeShouldBe(200);
        });
        var before = await api.EventCountAsync();

        var retry = await api.Host.Scenario(s =>
        {
            s.Post.Json(session).ToUrl($"/cases/{caseId}/sessions");
            s.WithRequestHeader("Idempotency-Key", key);
            s.WithBearerToken(Dewi);
            s.StatusCodeShouldBe(403);
        });
        JsonDocument.Parse(await retry.ReadAsTextAsync()).RootElement.GetProperty("detail").GetString()
            .Should().Be("The case is assigned to another counselor.");
        retry.Context.Response.Headers.ETag.ToString().Should().BeEmpty();
        (await api.EventCountAsync()).Should().Be(before);
    }
}
