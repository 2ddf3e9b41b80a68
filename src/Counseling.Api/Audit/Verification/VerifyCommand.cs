using JasperFx.CommandLine;

namespace Counseling.Api.Audit.Verification;

[Description("Recompute every event seal and projection from the events; exit non-zero on any mismatch", Name = "verify")]
public sealed class VerifyCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var verifier = host.Services.GetRequiredService<StoreVerifier>();
        var report = await verifier.VerifyAsync();

        Console.WriteLine($"Checked {report.StreamsChecked} streams, {report.EventsChecked} events, " +
                          $"{report.ProjectedDocumentsChecked} projected documents at {report.CheckedAt:O}.");
        foreach (var mismatch in report.Mismatches)
            Console.WriteLine($"MISMATCH {mismatch.Kind}: stream {mismatch.StreamId}, sequence {mismatch.Sequence?.ToString() ?? "-"}, " +
                              $"version {mismatch.Version?.ToString() ?? "-"}: {mismatch.Detail}");
        Console.WriteLine(report.Consistent ? "Consistent: history and projections agree." : $"{report.Mismatches.Count} mismatch(es).");
        return report.Consistent;
    }
}
