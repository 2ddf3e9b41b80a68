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
