using Alba;

namespace Counseling.Api.Tests.Infrastructure;

[Collection(ApiCollection.Name)]
public class SecurityHeaderTests(ApiFixture api)
{
    [Theory]
    [InlineData("/health", 200)]
    [InlineData("/counselors/c-001/caseload", 200)]
    [InlineData("/cases/00000000-0000-0000-0000-000000000000", 404)]
    public async Task Every_answer_forbids_sniffing_framing_and_referrers(string url, int status)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.StatusCodeShouldBe(status);
        });
        var headers = result.Context.Response.Headers;
        headers.XContentTypeOptions.ToString().Should().Be("nosniff");
        headers.XFrameOptions.ToString().Should().Be("DENY");
        headers.ContentSecurityPolicy.ToString().Should().Be("frame-ancestors 'none'");
        headers["Referrer-Policy"].ToString().Should().Be("no-referrer");
        // Caseloads, cases and their refusals hold or name personal data: no browser or proxy keeps any answer.
        headers.CacheControl.ToString().Should().Be("no-store");
        // Development answers over plain HTTP: HSTS is sent outside Development only.
        headers.StrictTransportSecurity.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task A_401_carries_them_too()
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url("/counselors/c-001/caseload");
            s.RemoveRequestHeader("Authorization");
            s.StatusCodeShouldBe(401);
        });
        result.Context.Response.Headers.XContentTypeOptions.ToString().Should().Be("nosniff");
        result.Context.Response.Headers.CacheControl.ToString().Should().Be("no-store");
    }

    [Fact]
    public async Task A_case_read_is_not_stored_by_a_browser_or_proxy()
    {
        var caseId = await api.Host.OpenCaseAsync();

        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases/{caseId}");
            s.StatusCodeShouldBe(200);
        });

        result.Context.Response.Headers.CacheControl.ToString().Should().Be("no-store");
    }
}
