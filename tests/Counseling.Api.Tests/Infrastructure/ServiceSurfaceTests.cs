using System.Text.Json;
using Alba;

namespace Counseling.Api.Tests.Infrastructure;

[Collection(ApiCollection.Name)]
public class ServiceSurfaceTests(ApiFixture api)
{
    [Fact]
    public async Task Health_checks_the_database()
    {
        var result = await api.Host.Scenario(s => s.Get.Url("/health"));

        (await result.ReadAsTextAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task The_service_runs_on_the_fixtures_pinned_clock()
    {
        var caseId = await api.Host.OpenCaseAsync();

        var read = await api.Host.Scenario(s => s.Get.Url($"/cases/{caseId}"));
        var caseload = await api.Host.Scenario(s => s.Get.Url("/counselors/c-001/caseload"));

        using var opened = JsonDocument.Parse(await read.ReadAsTextAsync());
        using var listed = JsonDocument.Parse(await caseload.ReadAsTextAsync());
        opened.RootElement.GetProperty("openedAt").GetDateTimeOffset().Should().Be(api.Now);
        listed.RootElement.GetProperty("today").GetString().Should().Be("2026-11-23");
        api.Today.Should().Be(ApiFixture.StartDay);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_case_endpoints()
    {
        var result = await api.Host.Scenario(s => s.Get.Url("/openapi/v1.json"));

        var document = await result.ReadAsTextAsync();
        document.Should().Contain("\"/cases\"").And.Contain("\"/cases/{id}/sessions\"").And.Contain("\"/cases/{id}\"");
    }

    [Fact]
    public async Task The_API_reference_page_is_served()
    {
        var result = await api.Host.Scenario(s => s.Get.Url("/docs/"));

        (await result.ReadAsTextAsync()).Should().Contain("<html");
    }
}
