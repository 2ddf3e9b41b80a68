using System.Diagnostics;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Audit.PersonalDataReads;
using Counseling.Api.PersonalData;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using Counseling.Api.Infrastructure;
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

    /// <summary>The database the API runs on, for tests that act on it from a connection of their own.</summary>
    public string ConnectionString { get; private set; } = "";

    public string CheckpointDirectory { get; } = Directory.CreateTempSubdirectory("counseling-checkpoints-").FullName;

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync()
    {
        // Program ends with RunJasperFxCommands; under a test host it must just start.
        JasperFxEnvironment.AutoStartHost = true;
        var connectionString = ConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? StartTestCluster();
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Development");
            web.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
            web.UseSetting("ConnectionStrings:Marten", connectionString);
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
            // The tests write far faster than a person; RateLimitTests checks the limit on a host of its own.
            web.UseSetting(WriteRateLimit.Setting, "1000000");
            web.UseSetting(WriteRateLimit.SearchSetting, "1000000");
            web.UseSetting("Keys:Directory", KeyDirectory);
            // The checkpoint archive outlives no test run: each run starts from an empty store, so it starts from no
            // checkpoint too. The tests issue checkpoints themselves.
            web.UseSetting("Audit:Checkpoints:Directory", CheckpointDirectory);
            web.UseSetting("Audit:Checkpoints:Interval", "00:00:00");
            // Traces are recorded only when an OTLP collector is named: name one that is not there, so the tests run the
            // service as an operator with a collector does (ObservabilityTests reads every span's attributes).
            web.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317");
            // ASP.NET Core's request lines too (the service logs them at Warning and above), so that the personal-data
            // search covers them and every request has lines whose correlation and trace ids can be checked.
            web.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Information");
        });
        // Each run starts from an empty store, so whole-store checks (verify, counts) see only this run's data.
        await Host.ResetAllMartenDataAsync();

        // Administrators and auditors are honoured only when registered: the seeds hold adm-001, adm-002, a-001 and a-002;
        // the tests that need an auditor or administrator of their own (to find what they did) register them here, as an
        // administrator does.
        foreach (var (path, id) in new[] { ("auditors", "a-007"), ("auditors", "rpt-auditor"), ("auditors", "rpt-bf-auditor"), ("administrators", "rpt-admin") })
            await Host.Scenario(s =>
            {
                s.Put.Json(new { fullName = $"Uji {id}" }).ToUrl($"/{path}/{id}");
                s.WithBearerToken(TokenFor("adm-001", Role.Admin, null));
                s.StatusCodeShouldBe(200);
            });

        // Unless a test says who is calling, the caller is counselor c-001 of the Bekasi office.
        var counselor = TokenFor("c-001", Role.Counselor, "bekasi");
        // (A scenario's own WithBearerToken replaces it; RemoveRequestHeader("Authorization") sends none.)
        Host.BeforeEach(http => http.Request.Headers.Authorization = $"Bearer {counselor}");
    }

    /// <summary>
    /// A worker's erasure as it is carried out: requested by <paramref name="requesterToken"/> (an administrator, or
    /// the case's supervisor), approved by an administrator who did not request it.
    /// </summary>
    public async Task EraseAsync(Guid caseId, string requesterToken, string requestReference, string approver = "adm-002")
    {
        await Host.Scenario(s =>
        {
            s.Post.Json(new { requestReference }).ToUrl($"/cases/{caseId}/personal-data-erasure");
            s.WithBearerToken(requesterToken);
            s.StatusCodeShouldBe(200);
        });
        await Host.Scenario(s =>
        {
            s.Post.Json(new { requestReference }).ToUrl($"/cases/{caseId}/personal-data-erasure/approval");
            s.WithBearerToken(TokenFor(approver, Role.Admin, null));
            s.StatusCodeShouldBe(200);
        });
    }

    public string TokenFor(string userId, Role role, string? officeId) =>
        Host.Services.GetRequiredService<DevelopmentTokens>().Issue(userId, role, officeId);

    /// <summary>
    /// The service's keys (master key, blind-index key) for this run only: tests rotate them, and the developer's
    /// own keys under .local/keys are never touched.
    /// </summary>
    public string KeyDirectory { get; } = FreshKeyDirectory("api");

    internal static string FreshKeyDirectory(string fixture) =>
        Path.Combine(Path.GetTempPath(), "counseling-test-keys", $"{fixture}-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (Directory.Exists(KeyDirectory)) Directory.Delete(KeyDirectory, recursive: true);
        Directory.Delete(CheckpointDirectory, recursive: true);
    }

    /// <summary>
    /// What verify finds on these streams. The store is shared by every test of the run, and some tamper with their own
    /// streams on purpose (ResealTests, the audit drills): a test judges the streams it wrote.
    /// </summary>
    public async Task<IReadOnlyList<Counseling.Api.Audit.Verification.Mismatch>> MismatchesOfAsync(params Guid[] streams) =>
        [.. (await Host.Services.GetRequiredService<Counseling.Api.Audit.Verification.StoreVerifier>().VerifyAsync()).Mismatches
            .Where(m => streams.Contains(m.StreamId))];

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
