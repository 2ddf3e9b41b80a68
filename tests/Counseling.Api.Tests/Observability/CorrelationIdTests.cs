using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Observability;

/// <summary>
/// A write's events record the caller's X-Correlation-ID, as its log lines do; a caller that sends none finds the
/// request's W3C trace id in both (what the README says an auditor will see).
/// </summary>
[Collection(ApiCollection.Name)]
public class CorrelationIdTests(ApiFixture api)
{
    private async Task<JsonElement> LastEventOfAsync(Guid caseId)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases/{caseId}/events");
            s.WithBearerToken(api.TokenFor("a-001", Role.Auditor, null));
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.EnumerateArray().Last();
    }

    private Task<IScenarioResult> LogSessionAsync(Guid caseId, string? correlationId) => api.Host.Scenario(s =>
    {
        s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{caseId}/sessions");
        s.WithRequestHeader("Idempotency-Key", Guid.NewGuid().ToString());
        if (correlationId is not null) s.WithRequestHeader("X-Correlation-ID", correlationId);
        s.StatusCodeShouldBe(200);
    });

    [Fact]
    public async Task A_session_sent_with_a_correlation_id_records_it_on_its_event_and_its_log_lines()
    {
        var caseId = await api.Host.OpenCaseAsync();
        var correlationId = $"e2e-{Guid.NewGuid():N}";

        await LogSessionAsync(caseId, correlationId);

        var stored = await LastEventOfAsync(caseId);
        stored.GetProperty("type").GetString().Should().Be("counseling_session_logged");
        stored.GetProperty("correlationId").GetString().Should().Be(correlationId);
        api.Logs.Lines.Should().Contain(line => line.Contains($"CorrelationId={correlationId}"));
    }

    [Fact]
    public async Task A_session_sent_without_one_records_the_requests_trace_id_on_its_event_and_its_log_lines()
    {
        var caseId = await api.Host.OpenCaseAsync();

        await LogSessionAsync(caseId, correlationId: null);

        var recorded = (await LastEventOfAsync(caseId)).GetProperty("correlationId").GetString()!;
        recorded.Should().MatchRegex("^[0-9a-f]{32}$");
        api.Logs.Lines.Should().Contain(line => line.Contains($"CorrelationId={recorded}") && line.Contains($"TraceId={recorded}"));
    }

    [Fact]
    public async Task A_correlation_id_longer_than_128_characters_is_replaced_by_the_trace_id()
    {
        var caseId = await api.Host.OpenCaseAsync();

        await LogSessionAsync(caseId, new string('x', 129));

        (await LastEventOfAsync(caseId)).GetProperty("correlationId").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
    }
}
