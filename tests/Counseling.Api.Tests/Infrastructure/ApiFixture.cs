using System.Diagnostics;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Audit.PersonalDataReads;
using Counseling.Api.PersonalData;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Counseling.Api.Tests.Infrastructure;

/// <summary>
/// One running API for the whole test run, on a real PostgreSQL: the one named by ConnectionStrings__Marten
/// (ops/test sets it), or else the private test cluster that ops/pg starts. The service runs on a clock pinned to
/// <see cref="Start"/>: tests derive every date and moment they send from <see cref="Now"/> and <see cref="Today"/>,
/// so no test changes with the day it runs (a seeded certificate expiring, a date crossing into the future).
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    /// <summary>Monday 23 November 2026, 09:00 WIB: after the intake requests' termination dates, within every seeded certificate but c-002's.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The day of <see cref="Start"/> in WIB, for tables built before a test runs.</summary>
    public static DateOnly StartDay => Wib.DateOf(Start);

    /// <summary>Moves only when a test moves it (Journey steps one second each), never with the wall clock.</summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    public DateTimeOffset Now => Clock.GetUtcNow();

    public DateOnly Today => Wib.DateOf(Now);

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
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
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

    /// <summary>
    /// Everything a request may write: events, and the documents written beside them (counselor registrations,
    /// personal-data keys, records of personal-data reads). A refused request leaves all of it unchanged.
    /// </summary>
    public async Task<StoreFootprint> FootprintAsync()
    {
        await using var session = Store.QuerySession();
        return new StoreFootprint(
            await session.Events.QueryAllRawEvents().LongCountAsync(),
            await session.Query<Counselor>().CountAsync(),
            await session.Query<PersonalDataKey>().CountAsync(),
            await session.Query<PersonalDataRead>().CountAsync());
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

public sealed record StoreFootprint(long Events, int Counselors, int PersonalDataKeys, int PersonalDataReads);

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
