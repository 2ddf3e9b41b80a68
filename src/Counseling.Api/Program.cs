using Counseling.Api.Infrastructure;
using JasperFx;

var app = CounselingService.Build(args);
// Started without a command, the service just runs: the JasperFx command line first loads every assembly in the
// service's folder to look for commands (Roslyn's among them), which cost about 24 MB of memory and 120 assemblies
// for nothing (docs/performance-profile.md). Commands (projections, codegen, token, verify ...) go through it as before.
if (args.Length == 0)
{
    await app.RunAsync();
    return 0;
}
return await app.RunJasperFxCommands(args);

public partial class Program;
