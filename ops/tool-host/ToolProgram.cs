using Counseling.Api.Infrastructure;
using JasperFx;

namespace Counseling.Tooling;

/// <summary>
/// The entry point of each tool beside the service (the demo's seed, the bench's volume seeder, the operators' tools),
/// compiled into each from this one file: the service as it is composed (CounselingService), with the tool assembly's
/// commands on its command line; without arguments, the list of commands rather than starting the service. A named
/// class, not top-level statements: those would declare a public Program beside the service's own, which the tests
/// address.
/// </summary>
internal static class ToolProgram
{
    private static async Task<int> Main(string[] args)
    {
        var app = CounselingService.Build(args);
        return await app.RunJasperFxCommands(args.Length == 0 ? ["help"] : args);
    }
}
