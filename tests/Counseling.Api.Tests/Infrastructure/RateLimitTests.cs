using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Caseloads;
using Counseling.Api.Infrastructure;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Counseling.Api.Tests.Infrastructure;

/// <summary>
/// Writes per caller are limited (Counseling:WritesPerMinute); past the limit a write is 429 problem details with
/// Retry-After. A host of its own with a limit of 3, on a database of its own (its async daemon must not share one),
/// on the API fixture's pinned clock: on the machine's clock c-001's seeded certificate would expire under it.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private IAlbaHost host = null!;

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? ApiFixture.StartTestCluster();
        var connectionString = await CaseloadFixture.OwnDatabaseAsync(server, "counseling_rate_limit");
        host = await AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Marten", connectionString);
            web.UseSetting(WriteRateLimit.Setting, "3");
            web.UseSetting(WriteRateLimit.SearchSetting, "4");
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(ApiFixture.Start)));
        });
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private string TokenFor(string userId, string office) =>
        host.Services.GetRequiredService<DevelopmentTokens>().Issue(userId, Role.Counselor, office);

    /// <summary>An intake with an invalid body: refused by the endpoint with 400, unless the limiter refuses it first.</summary>
    private async Task<IScenarioResult> WriteAsync(string token) => await host.Scenario(s =>
    {
        s.Post.Json(new { worker = new { nik = "123" } }).ToUrl("/cases");
        s.WithBearerToken(token);
        s.IgnoreStatusCode();
    });

    [Fact]
    public async Task Past_the_limit_a_callers_writes_are_429_with_Retry_After_while_others_and_reads_go_on()
    {
        var dewi = TokenFor("c-001", "bekasi");
        for (var write = 0; write < 3; write++)
            (await WriteAsync(dewi)).Context.Response.StatusCode.Should().Be(400);

        var limited = await WriteAsync(dewi);
        limited.Context.Response.StatusCode.Should().Be(429);
        limited.Context.Response.ContentType.Should().Be("application/problem+json");
        // 3 a minute refill one every 20 s.
        limited.Context.Response.Headers.RetryAfter.ToString().Should().Be("20");
        var problem = JsonDocument.Parse(await limited.ReadAsTextAsync()).RootElement;
        problem.GetProperty("type").GetString().Should().Be("https://jkp-counseling.example/problems/too-many-writes");
        problem.GetProperty("detail").GetString().Should().StartWith("A caller may send 3 writes a minute; nothing was recorded.");

        (await WriteAsync(TokenFor("c-006", "bekasi"))).Context.Response.StatusCode.Should().Be(400);
        await host.Scenario(s =>
        {
            s.Get.Url("/counselors/c-001/caseload");
            s.WithBearerToken(dewi);
            s.StatusCodeShouldBe(200);
        });
    }

    private async Task<IScenarioResult> SearchAsync(string token, string nik) => await host.Scenario(s =>
    {
        s.Get.Url($"/cases?nik={nik}");
        s.WithBearerToken(token);
        s.IgnoreStatusCode();
    });

    [Fact]
    public async Task A_NIK_sweep_is_throttled_per_caller_while_other_reads_and_callers_go_on()
    {
        var sweeper = TokenFor("c-003", "pasker-jakarta");
        for (var search = 0; search < 4; search++)
            (await SearchAsync(sweeper, $"32160615059{search:00000}")).Context.Response.StatusCode.Should().Be(200);
        // A malformed NIK counts too: it is no way around the limit.
        var limited = await SearchAsync(sweeper, "32160615059000");
        limited.Context.Response.StatusCode.Should().Be(429);
        // 4 a minute refill one every 15 s.
        limited.Context.Response.Headers.RetryAfter.ToString().Should().Be("15");
        var problem = JsonDocument.Parse(await limited.ReadAsTextAsync()).RootElement;
        problem.GetProperty("type").GetString().Should().Be("https://jkp-counseling.example/problems/too-many-searches");
        problem.GetProperty("detail").GetString().Should().Be("A caller may search by NIK 4 times a minute. Search again in 15 s.");

        (await SearchAsync(TokenFor("c-004", "pasker-jakarta"), "3216061505900001")).Context.Response.StatusCode.Should().Be(200);
        await host.Scenario(s =>
        {
            s.Get.Url("/counselors/c-003/caseload");
            s.WithBearerToken(sweeper);
            s.StatusCodeShouldBe(200);
        });
    }
}
