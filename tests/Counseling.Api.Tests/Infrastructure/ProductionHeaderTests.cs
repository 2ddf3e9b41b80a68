using Alba;
using Counseling.Api.Tests.Caseloads;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;

namespace Counseling.Api.Tests.Infrastructure;

/// <summary>
/// Outside Development an answer over HTTPS tells browsers to use HTTPS only (HSTS). A Production host of its own, on a
/// database of its own, trusting an OpenID Connect provider it never needs to reach: /health/live needs no token.
/// </summary>
public sealed class ProductionHeaderTests : IAsyncLifetime
{
    private IAlbaHost host = null!;

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? ApiFixture.StartTestCluster();
        var connectionString = await CaseloadFixture.OwnDatabaseAsync(server, "counseling_production_headers");
        host = await AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("ConnectionStrings:Marten", connectionString);
            web.UseSetting("Authentication:Authority", "https://login.example.go.id/realms/kemnaker");
            // Outside Development nothing makes a missing key up: the service is handed its keys, as in production.
            foreach (var name in new[] { "EventSealKey", "PersonalDataMasterKey", "NikBlindIndexKey" })
                web.UseSetting($"Keys:{name}", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            using var signing = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
            web.UseSetting("Keys:CheckpointSigningKey", Convert.ToBase64String(signing.ExportPkcs8PrivateKey()));
            web.UseSetting("Keys:Directory", Directory.CreateTempSubdirectory("counseling-production-keys-").FullName);
            web.UseSetting("Audit:Checkpoints:Directory", Directory.CreateTempSubdirectory("counseling-production-checkpoints-").FullName);
            web.UseSetting("Audit:Checkpoints:Interval", "00:00:00");
            web.UseSetting("Observability:MetricsToken", MetricsToken);
        });
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task An_https_answer_carries_HSTS_and_the_other_headers()
    {
        var result = await host.Scenario(s =>
        {
            s.ConfigureHttpContext(http =>
            {
                http.Request.Scheme = "https";
                http.Request.Host = new Microsoft.AspNetCore.Http.HostString("konseling.kemnaker.example");
            });
            s.Get.Url("/health/live"); // the process answers; readiness (database, projections) is not what this test is about
            s.StatusCodeShouldBe(200);
        });
        var headers = result.Context.Response.Headers;
        headers.StrictTransportSecurity.ToString().Should().Be("max-age=2592000");
        headers.XContentTypeOptions.ToString().Should().Be("nosniff");
        headers.XFrameOptions.ToString().Should().Be("DENY");
    }

    private const string MetricsToken = "scrape-secret-9f2c";

    [Theory]
    [InlineData(null, 401)]
    [InlineData("Bearer wrong-token", 401)]
    [InlineData("Bearer " + MetricsToken, 200)]
    public async Task The_metrics_answer_only_the_operators_token(string? authorization, int expected)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            if (authorization is not null) s.WithRequestHeader("Authorization", authorization);
            s.StatusCodeShouldBe(expected);
        });
        if (expected == 401)
            (await result.ReadAsTextAsync()).Should().Contain("Observability:MetricsToken").And.NotContain("http_server");
    }

    [Fact]
    public async Task No_answer_may_be_stored_by_a_browser_or_proxy()
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url("/health/live");
            s.StatusCodeShouldBe(200);
        });
        result.Context.Response.Headers.CacheControl.ToString().Should().Be("no-store");
    }
}
