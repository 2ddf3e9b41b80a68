using System.Diagnostics;
using Counseling.Api.Infrastructure;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using JasperFx.CommandLine;
using Marten;

namespace Counseling.Seeds;

public sealed class SeedInput : NetCoreInput
{
    [Description("How many workers' journeys to simulate")]
    public int WorkersFlag { get; set; } = 200;

    [Description("The random seed: the same seed and number of workers give the same journeys on the same day")]
    public int SeedFlag { get; set; } = 2026;

    [Description("Add the demo only when the store holds no case yet (what ops/run does on first start)")]
    public bool IfEmptyFlag { get; set; }
}

/// <summary>
/// Fills a development database with a living office: workers' journeys over the last six months, recorded through
/// the service's own decisions on a simulated clock (see <see cref="DemoJourneys"/> and <see cref="DemoRecorder"/>).
/// The async projections (caseloads, dashboards) catch up when the service starts.
/// </summary>
[Description("Development only: simulate workers' journeys through the service's commands (demo data)", Name = "seed")]
public sealed class SeedCommand : JasperFxAsyncCommand<SeedInput>
{
    public override async Task<bool> Execute(SeedInput input)
    {
        // The machine's clock on purpose: the demo is "the last six months" of whoever seeds it.
        var anchor = DemoPlan.AnchorFor(DateTimeOffset.UtcNow);
        var clock = new SimulatedClock(anchor);
        // The service as it runs, on a clock this command moves: event timestamps follow the simulated days.
        await using var app = CounselingService.Build([], services => services.AddSingleton<TimeProvider>(clock));
        if (!app.Environment.IsDevelopment())
        {
            Console.Error.WriteLine($"seed writes made-up cases, so it runs only in Development (this is {app.Environment.EnvironmentName}).");
            return false;
        }

        var store = app.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await new ReferenceDataSeed().Populate(store, CancellationToken.None);
        if (input.IfEmptyFlag)
        {
            await using var query = store.QuerySession();
            if (await query.Query<CounselingCase>().AnyAsync())
            {
                Console.WriteLine("seed: the store already holds cases; no demo data added.");
                return true;
            }
        }

        var elapsed = Stopwatch.StartNew();
        var reference = DemoReferenceData.Load().RenewedFor(Wib.DateOf(anchor));
        await reference.RecordRenewalsAsync(store);
        var plan = DemoJourneys.Plan(input.SeedFlag, input.WorkersFlag, reference, anchor);
        var events = await new DemoRecorder(store, clock).RecordAsync(plan);
        var open = plan.Journeys.Count(j => j.Final is { IsClosed: false });
        Console.WriteLine($"seed: {plan.Journeys.Count} workers' journeys (seed {input.SeedFlag}), {events} events, " +
                          $"{open} cases still open, up to {Wib.DateOf(anchor).AddDays(-1):yyyy-MM-dd}; {elapsed.Elapsed.TotalSeconds:F1} s.");
        return true;
    }
}
