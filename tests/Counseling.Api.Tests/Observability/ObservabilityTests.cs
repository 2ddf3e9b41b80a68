using System.Collections.Concurrent;
using System.Diagnostics;
using Alba;
using Counseling.Api.Observability;
using Counseling.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Counseling.Api.Tests.Observability;

[Collection(ApiCollection.Name)]
public class ObservabilityTests(ApiFixture api)
{
    // A worker no other test uses, so that any trace of these values can only come from this test's requests.
    private const string Nik = "3174094707880042";
    private const string FullName = "Ratna Kusumawardhani";
    private const string Phone = "081398765432";
    private const string Notes = "Catatan rahasia: Ratna sedang mengurus anaknya yang sakit.";

    [Fact]
    public async Task Metrics_show_request_durations_database_projection_lag_and_writes_per_step()
    {
        var caseId = await api.Host.OpenCaseAsync();
        await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{caseId}/sessions");
            s.StatusCodeShouldBe(200);
        });
        await api.Host.Services.GetRequiredService<ProjectionLagMonitor>().ReadAsync(CancellationToken.None);

        // ASP.NET Core records a request's duration as the request ends, which can be just after the test has its answer,
        // and the exporter serves a scrape from its short cache: scrape again, for a few seconds at most, until it shows.
        var metrics = await ScrapeAsync();
        for (var attempt = 0; attempt < 50 && !metrics.Contains("http_route=\"/cases/{id}/sessions\""); attempt++)
        {
            await Task.Delay(100);
            metrics = await ScrapeAsync();
        }

        metrics.Should().Contain("http_server_request_duration_seconds_bucket{")
            .And.Contain("http_route=\"/cases/{id}/sessions\"");
        metrics.Should().MatchRegex(@"(?m)^db_client_\w+");
        metrics.Should().Contain("marten_event_append");
        metrics.Should().MatchRegex("(?m)^counseling_journey_writes_total\\{.*step=\"counseling_session_logged\".*\\} [1-9]");
        metrics.Should().MatchRegex("(?m)^counseling_journey_writes_total\\{.*step=\"case_opened\".*\\} [1-9]");
        metrics.Should().MatchRegex("(?m)^counseling_projection_lag\\{.*projection=\"[A-Za-z]+:All\".*\\} [0-9]+");
    }

    [Fact]
    public async Task No_personal_data_reaches_a_trace_attribute_or_a_metric_label()
    {
        var attributes = new ConcurrentBag<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                attributes.Add(activity.DisplayName);
                foreach (var tag in activity.TagObjects) attributes.Add($"{tag.Key}={tag.Value}");
                foreach (var e in activity.Events) attributes.Add(e.Name + string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}")));
                foreach (var baggage in activity.Baggage) attributes.Add($"{baggage.Key}={baggage.Value}");
            },
        };
        ActivitySource.AddActivityListener(listener);

        var caseId = await api.Host.OpenCaseAsync(new
        {
            officeId = "bekasi", counselorId = "c-001",
            worker = new { nik = Nik, fullName = FullName, birthDate = "1988-07-07", phone = Phone, bpjsMembershipNumber = "20019876543" },
            employment = new
            {
                employer = "PT Sinar Cikarang Plastik", lastPosition = "Operator", terminationDate = "2026-10-31",
                terminationReason = "efficiency", lastMonthlyWage = 5_000_000, contractType = "permanent",
            },
            jkpClaimReference = "JKP-2026-004242", contributionMonths = 30,
            contributionHistory = new { monthsPaidInLast24Months = 24, consecutiveMonthsBeforeTermination = 30 },
            participation = new { indonesianCitizen = true, joinedOn = "2015-01-05", enrolledInJkn = true },
        });
        await api.Host.Scenario(s =>
        {
            s.Post.Json(new { heldAt = api.Now, mode = "phone", durationMinutes = 15, topics = new[] { "other" }, notes = Notes })
                .ToUrl($"/cases/{caseId}/sessions");
            s.StatusCodeShouldBe(200);
        });
        await api.Host.Scenario(s => s.Get.Url($"/cases/{caseId}"));
        var metrics = await ScrapeAsync();

        attributes.Should().Contain(a => a.Contains(caseId.ToString()), "the listener saw this test's requests");
        foreach (var secret in new[] { Nik, FullName, Phone, Notes, "Ratna" })
        {
            attributes.Should().NotContain(a => a.Contains(secret), $"no span may carry '{secret}'");
            metrics.Should().NotContain(secret);
        }
    }

    [Fact]
    public async Task Live_and_ready_answer_and_health_is_kept()
    {
        await api.Host.Services.GetRequiredService<ProjectionLagMonitor>().ReadAsync(CancellationToken.None);

        foreach (var url in new[] { "/health", "/health/live", "/health/ready" })
        {
            var result = await api.Host.Scenario(s =>
            {
                s.Get.Url(url);
                s.RemoveRequestHeader("Authorization");
                s.StatusCodeShouldBe(200);
            });
            (await result.ReadAsTextAsync()).Should().Be("Healthy", url);
        }
    }

    private async Task<string> ScrapeAsync()
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.RemoveRequestHeader("Authorization");
            s.StatusCodeShouldBe(200);
        });
        return await result.ReadAsTextAsync();
    }
}

[Collection(ApiCollection.Name)]
public class RequestLogTests(ApiFixture api)
{
    [Fact]
    public async Task A_request_s_log_lines_carry_its_correlation_and_trace_ids()
    {
        var correlationId = $"uji-{Guid.NewGuid():N}";

        await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases/{Guid.NewGuid()}");
            s.WithRequestHeader("X-Correlation-ID", correlationId);
            s.StatusCodeShouldBe(404);
        });

        var requestLines = api.Logs.Lines.Where(line => line.Contains($"CorrelationId={correlationId}")).ToList();
        requestLines.Should().NotBeEmpty();
        requestLines.Should().OnlyContain(line => System.Text.RegularExpressions.Regex.IsMatch(line, "TraceId=[0-9a-f]{32}"));
    }
}
