using Counseling.Api.ReferenceData;
using Counseling.Seeds;
using System.Diagnostics;
using Counseling.Api.Access;
using Counseling.Api.Audit;
using Counseling.Domain.Cases;
using JasperFx.CommandLine;
using Marten;

namespace Counseling.Bench;

public sealed class SeedVolumeInput : NetCoreInput
{
    [Description("How many cases to open")]
    public int CasesFlag { get; set; } = 50_000;

    [Description("How many events in all, spread evenly over the cases (at least one per case)")]
    public int EventsFlag { get; set; } = 1_000_000;

    [Description("Cases appended per transaction")]
    public int BatchFlag { get; set; } = 200;

    [Description("Transactions in flight at once")]
    public int WritersFlag { get; set; } = 2;

    [Description("Folder for open-cases.txt, the cases benchmarks address: case id, counselor id, office id a line")]
    public string OutFlag { get; set; } = ".";
}

/// <summary>
/// Fills the store with a volume of synthetic case histories for benchmarks (not demo data: see
/// <see cref="VolumeJourneys"/>). Appends through ordinary Marten sessions, so inline projections (the case
/// snapshot, the audit seals) are written exactly as the API writes them; async projections are left for the
/// daemon or a rebuild. Meant for an empty benchmark database; offices and counselors are loaded when the service starts.
/// </summary>
[Description("Benchmarks: append a large volume of synthetic cases through the domain's decisions", Name = "seed-volume")]
public sealed class SeedVolumeCommand : JasperFxAsyncCommand<SeedVolumeInput>
{
    public override async Task<bool> Execute(SeedVolumeInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        // The machine's clock on purpose: the benchmark then drives the service, which runs on it, against these cases.
        var now = DateTimeOffset.UtcNow;
        await new ReferenceDataSeed().Populate(store, CancellationToken.None);
        var reference = DemoReferenceData.Load().RenewedFor(Wib.DateOf(now));
        await reference.RecordRenewalsAsync(store);
        var assignments = VolumeAssignments.Read(now, reference.Counselors);
        var perCase = Math.Max(1, input.EventsFlag / input.CasesFlag);
        var extra = Math.Max(0, input.EventsFlag - perCase * input.CasesFlag);
        // Each batch holds the cases of one counselor, who is then named as having recorded its events.
        var batches = Enumerable.Range(0, input.CasesFlag)
            .GroupBy(caseNumber => caseNumber % assignments.Count)
            .SelectMany(cases => cases.Chunk(input.BatchFlag));

        var openCases = new System.Collections.Concurrent.ConcurrentBag<VolumeJourneys.Journey>();
        long events = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = input.WritersFlag },
            async (caseNumbers, cancellation) =>
            {
                await using var session = store.LightweightSession();
                var counselor = assignments[caseNumbers[0] % assignments.Count].CounselorId;
                AuditTrail.Stamp(session, counselor, Caller.RoleName(Role.Counselor), "seed-volume");
                foreach (var caseNumber in caseNumbers)
                {
                    var journey = VolumeJourneys.Generate(caseNumber, perCase + (caseNumber < extra ? 1 : 0), assignments, now);
                    // Personal data is encrypted as the session saves (PersonalDataEncryption), as for the API.
                    session.Events.StartStream<CounselingCase>(journey.CaseId, [.. journey.Events]);
                    Interlocked.Add(ref events, journey.Events.Count);
                    if (journey.IsOpen) openCases.Add(journey with { Events = [] });
                }
                await session.SaveChangesAsync(cancellation);
            });
        clock.Stop();

        Directory.CreateDirectory(input.OutFlag);
        await File.WriteAllLinesAsync(Path.Combine(input.OutFlag, "open-cases.txt"),
            openCases.Select(j => $"{j.CaseId} {j.Assignment.CounselorId} {j.Assignment.OfficeId}"));

        Console.WriteLine($"seed-volume: {input.CasesFlag} cases, {events} events in {clock.Elapsed.TotalSeconds:F1} s " +
                          $"({events / clock.Elapsed.TotalSeconds:F0} events/s); {openCases.Count} open cases listed in {input.OutFlag}");
        return true;
    }
}
