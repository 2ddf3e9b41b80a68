using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Seeds;
using Counseling.Api.Tests.Caseloads;
using Counseling.Api.Tests.Infrastructure;
using Counseling.Domain.Cases;
using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Counseling.Api.Tests.Demo;

/// <summary>
/// A demo seeded once, as the seed command seeds it, into a database of its own, on a clock the generator moves.
/// The anchor is fixed, so the demo and these tests do not change with the day they run.
/// </summary>
public sealed class DemoFixture : IAsyncLifetime
{
    public const string DatabaseName = "counseling_demo";
    public const int Seed = 7;
    public const int Workers = 120;

    /// <summary>Monday 23 November 2026, 00:00 WIB: the journeys end before it.</summary>
    public static readonly DateTimeOffset Anchor = DemoPlan.AnchorFor(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));

    public static DemoReferenceData Reference { get; } = DemoReferenceData.Load();

    /// <summary>The counselors the reference data registers at start-up, each with a registration event.</summary>
    public static int SeededCounselors { get; } = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(Counseling.Api.ReferenceData.ReferenceDataSeed.SeedsFolder, "counselors.json"))).RootElement.GetArrayLength();

    /// <summary>The supervisors, administrators and auditors the reference data registers at start-up, each with a registration event.</summary>
    public static int SeededOfficials { get; } = new[] { "supervisors.json", "administrators.json", "auditors.json" }.Sum(file => JsonDocument.Parse(
        File.ReadAllText(Path.Combine(Counseling.Api.ReferenceData.ReferenceDataSeed.SeedsFolder, file))).RootElement.GetArrayLength());

    public SimulatedClock Clock { get; } = new(Anchor);

    public IAlbaHost Host { get; private set; } = null!;

    public DemoPlan Plan { get; } = DemoJourneys.Plan(Seed, Workers, Reference, Anchor);

    public int EventsRecorded { get; private set; }

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public DateOnly Today => Wib.DateOf(Clock.GetUtcNow());

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? ApiFixture.StartTestCluster();
        var connectionString = await CaseloadFixture.FreshDatabaseAsync(server, DatabaseName);
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Marten", connectionString);
            web.UseSetting("Keys:Directory", ApiFixture.FreshKeyDirectory("demo"));
            // The monthly report issues a checkpoint when none covers its month: into this run's own archive.
            web.UseSetting("Audit:Checkpoints:Directory", CheckpointDirectory);
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        });

        EventsRecorded = await new DemoRecorder(Store, Clock).RecordAsync(Plan);
        // The office opens on the anchor day: caseloads count overdue follow-ups as of then.
        Clock.MoveTo(Anchor.AddHours(9));
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(90));

        var auditor = Host.Services.GetRequiredService<DevelopmentTokens>().Issue("a-002", Role.Auditor, null);
        Host.BeforeEach(http => http.Request.Headers.Authorization = $"Bearer {auditor}");
    }

    public string CheckpointDirectory { get; } = Directory.CreateTempSubdirectory("counseling-demo-checkpoints-").FullName;

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(CheckpointDirectory, recursive: true);
    }

    public async Task<JsonElement> GetAsync(string url)
    {
        var result = await Host.Scenario(s => s.Get.Url(url));
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }
}

[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoFixture>
{
    public const string Name = "demo";
}
