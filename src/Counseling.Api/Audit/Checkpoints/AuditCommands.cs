using System.Diagnostics;
using System.Text.Json;
using Counseling.Api.Audit.Verification;
using JasperFx.CommandLine;
using Marten;

namespace Counseling.Api.Audit.Checkpoints;

[Description("Write an audit checkpoint to the archive now and print it", Name = "audit-checkpoint")]
public sealed class AuditCheckpointCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var checkpoint = await host.Services.GetRequiredService<CheckpointLedger>().IssueAsync(CancellationToken.None);
        Console.WriteLine(JsonSerializer.Serialize(checkpoint, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        return true;
    }
}

public sealed class AuditExportInput : NetCoreInput
{
    [Description("Export the events up to this sequence (a checkpoint's); 0: every event")]
    public long ThroughFlag { get; set; }

    [Description("The file to write (JSON lines)")]
    public string OutFlag { get; set; } = "events.jsonl";
}

/// <summary>
/// The events as a checkpoint commits to them, one JSON object a line in sequence order, each field spelled exactly
/// as the chain hashes it (data and headers in canonical JSON, the timestamp in UTC to the microsecond), so that
/// ops/audit/check-checkpoint recomputes the chain with nothing but SHA-256.
/// </summary>
[Description("Export the events (sequence order, canonical fields) for an offline check of a checkpoint", Name = "audit-export")]
public sealed class AuditExportCommand : JasperFxAsyncCommand<AuditExportInput>
{
    public override async Task<bool> Execute(AuditExportInput input)
    {
        using var host = input.BuildHost();
        var history = host.Services.GetRequiredService<StoredHistory>();
        var elapsed = Stopwatch.StartNew();
        long count = 0;
        await using (var file = new StreamWriter(input.OutFlag))
        {
            await foreach (var e in history.ReadAsync(0, input.ThroughFlag > 0 ? input.ThroughFlag : null, CancellationToken.None))
            {
                await file.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    sequence = e.Sequence,
                    streamId = e.StreamId,
                    version = e.Version,
                    type = e.Type,
                    timestamp = SealedFields.TimestampText(e.Timestamp),
                    data = e.CanonicalData,
                    userName = e.UserName ?? "",
                    correlationId = e.CorrelationId ?? "",
                    causationId = e.CausationId ?? "",
                    headers = e.CanonicalHeaders,
                }));
                count++;
            }
        }
        Console.WriteLine($"audit-export: {count} events to {input.OutFlag} in {elapsed.Elapsed.TotalSeconds:F1} s.");
        return true;
    }
}

[Description("Verify the store against a checkpoint file; print each mismatch and the time taken", Name = "audit-verify")]
public sealed class AuditVerifyCommand : JasperFxAsyncCommand<AuditVerifyInput>
{
    public override async Task<bool> Execute(AuditVerifyInput input)
    {
        using var host = input.BuildHost();
        var checkpoint = JsonSerializer.Deserialize<Checkpoint>(await File.ReadAllTextAsync(input.CheckpointFlag),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var verifier = host.Services.GetRequiredService<CheckpointVerifier>();
        if (await verifier.RefusalAsync(checkpoint, CancellationToken.None) is { } refusal)
        {
            Console.Error.WriteLine(refusal);
            return false;
        }
        var elapsed = Stopwatch.StartNew();
        var report = await verifier.VerifyAsync(checkpoint, CancellationToken.None);
        foreach (var m in report.Mismatches)
            Console.WriteLine($"MISMATCH {m.Kind}: stream {m.StreamId}, sequence {m.Sequence?.ToString() ?? "-"}, version {m.Version?.ToString() ?? "-"}: {m.Detail}");
        Console.WriteLine($"audit-verify: {report.EventsChecked} events in {report.StreamsChecked} streams against checkpoint {report.Sequence} " +
                          $"in {elapsed.Elapsed.TotalSeconds:F1} s: {(report.Consistent ? "consistent" : $"{report.Mismatches.Count} mismatch(es)")}.");
        return report.Consistent;
    }
}

public sealed class AuditVerifyInput : NetCoreInput
{
    [Description("The checkpoint file (as GET /audit/checkpoint answers it)")]
    public string CheckpointFlag { get; set; } = "checkpoint.json";
}
