using System.Text.Json;
using JasperFx.CommandLine;
using Marten;

namespace Counseling.Tools.Audit;

/// <summary>The tamper drill's insider, for ops/audit/tamper-drill: Development only, on a throwaway database.</summary>
[Description("Development only: tamper with the database in every way the drill knows; print the cases touched (JSON)", Name = "audit-tamper")]
public sealed class AuditTamperCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        if (!host.Services.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            Console.Error.WriteLine("audit-tamper damages the database on purpose, so it runs only in Development.");
            return false;
        }
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var cases = await TamperDrill.CasesToTamperWithAsync(store, 100, CancellationToken.None);
        var tampered = await TamperDrill.TamperAsync(store, cases, CancellationToken.None);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            tampered = tampered.Select(t => new { caseId = t.CaseId, how = t.How.ToString(), sealsRecomputed = t.SealsRecomputed }),
            untouched = cases.Except(tampered.Select(t => t.CaseId)),
        }));
        return true;
    }
}
