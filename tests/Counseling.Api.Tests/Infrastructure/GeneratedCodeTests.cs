using Counseling.Api.Infrastructure;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Counseling.Api.Tests.Infrastructure;

/// <summary>
/// The service runs the HTTP handlers Wolverine generated ahead of time (src/Counseling.Api/Internal/Generated,
/// TypeLoadMode.Static), never code compiled at start-up. This proves the committed files are exactly what the
/// endpoints generate today, so a changed endpoint cannot run with yesterday's handler.
/// </summary>
/// <remarks>
/// Generating sets a process-wide flag that changes how Wolverine hosts start and stop, so this runs alone.
/// </remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GeneratedCodeCollection
{
    public const string Name = "generated code";
}

[Collection(GeneratedCodeCollection.Name)]
public class GeneratedCodeTests
{
    [Fact]
    public async Task The_committed_handlers_are_what_the_endpoints_generate_today()
    {
        var committed = Path.Combine(ApiFixture.RepositoryRoot, "src", "Counseling.Api", "Internal", "Generated");
        var scratch = Directory.CreateTempSubdirectory("counseling-codegen-");

        // Built as `codegen write` builds it: composed, never started, so no database is needed. The service is this
        // test's own, so its output path can point at the scratch folder.
        await using var app = CounselingService.Build(
            ["--environment", "Development", "--ConnectionStrings:Marten", "Host=127.0.0.1;Database=not-used"]);
        var collections = app.Services.GetServices<ICodeFileCollection>().ToArray();
        foreach (var collection in collections) collection.Rules.GeneratedCodeOutputPath = scratch.FullName;
        new DynamicCodeBuilder(app.Services, collections)
        {
            ServiceVariableSource = app.Services.GetService<IServiceVariableSource>(),
        }.WriteGeneratedCode(_ => { });

        var generated = FilesUnder(scratch.FullName);
        var onDisk = FilesUnder(committed);
        scratch.Delete(recursive: true);

        generated.Should().NotBeEmpty();
        var stale = generated.Keys.Union(onDisk.Keys)
            .Where(file => generated.GetValueOrDefault(file) != onDisk.GetValueOrDefault(file))
            .Order()
            .ToList();
        stale.Should().BeEmpty("these generated handlers differ from what the endpoints generate now; run ops/codegen and commit the result");
    }

    private static Dictionary<string, string> FilesUnder(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                .ToDictionary(file => Path.GetRelativePath(directory, file), File.ReadAllText)
            : [];
}
