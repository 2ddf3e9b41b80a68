using System.Diagnostics;
using Alba;
using Counseling.Api.Access;
using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;

namespace Counseling.Api.Tests.Infrastructure;

/// <summary>
/// One running API for the whole test run, on a real PostgreSQL: the one named by ConnectionStrings__Marten
/// (ops/test sets it), or else the private test cluster that ops/pg starts.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    public CapturedLogs Logs { get; } = new();

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync()
    {
        // Program ends with RunJasperFxCommands; under a test host it must just start.
        JasperFxEnvironment.AutoStartHost = true;
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? StartTestCluster();
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Development");
            web.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
            web.UseSetting("ConnectionStrings:Marten", connectionString);
            // Traces are recorded only when an OTLP collector is named: name one that is not there, so the tests run the
            // service as an operator with a collector does (ObservabilityTests reads every span's attributes).
            web.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317");
            // ASP.NET Core's request lines too (the service logs them at Warning and above), so that the personal-data
            // search covers them and every request has lines whose correlation and trace ids can be checked.
            web.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Information");
        });
        // Each run starts from an empty store, so whole-store checks (verify, counts) see only this run's data.
        await Host.ResetAllMartenDataAsync();

        // Unless a test says who is calling, the caller is counselor c-001 of the Bekasi office.
        var counselor = TokenFor("c-001", Role.Counselor, "bekasi");
        // (A scenario's own WithBearerToken replaces it; RemoveRequestHeader("Authorization") sends none.)
        Host.BeforeEach(http => http.Request.Headers.Authorization = $"Bearer {counselor}");
    }

    public string TokenFor(string userId, Role role, string? officeId) =>
        Host.Services.GetRequiredService<DevelopmentTokens>().Issue(userId, role, officeId);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>How many events the store holds: a refused request must leave it unchanged.</summary>
    public async Task<long> EventCountAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().LongCountAsync();
    }

    /// <summary>The checkout the tests run from: the folder holding Counseling.sln, above the test output.</summary>
    internal static string RepositoryRoot
    {
        get
        {
            var repo = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(repo, "Counseling.sln"))) repo = Path.GetDirectoryName(repo)!;
            return repo;
        }
    }

    internal static string StartTestCluster()
    {
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(RepositoryRoot, "ops", "pg"), "start test")
        {
            RedirectStandardOutput = true,
        })!;
        var connectionString = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("ops/pg could not start the test PostgreSQL.");
        return connectionString;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
