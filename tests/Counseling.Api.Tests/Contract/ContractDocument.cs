using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Contract;

/// <summary>The served OpenAPI document, the committed contract the client is generated from, and the two linters.</summary>
public static class ContractDocument
{
    public static string ContractPath => Path.Combine(ApiFixture.RepositoryRoot, "contract", "openapi-v1.json");

    private static string LinterFolder => Path.Combine(ApiFixture.RepositoryRoot, "ops", "openapi-lint");

    public static async Task<JsonObject> ServedAsync(IAlbaHost host)
    {
        var result = await host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        return JsonNode.Parse(await result.ReadAsTextAsync())!.AsObject();
    }

    /// <summary>The document as committed: indented, '\n' line ends.</summary>
    public static string AsContract(JsonObject document)
    {
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Runs one of the linters ops/test installs (npm ci in ops/openapi-lint) on a document; exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> LintAsync(string linter, JsonObject document)
    {
        var file = Path.Combine(Path.GetTempPath(), $"counseling-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document.ToJsonString());
        try
        {
            var bin = Path.Combine(LinterFolder, "node_modules", ".bin");
            var start = linter switch
            {
                "redocly" => new ProcessStartInfo(Path.Combine(bin, "redocly"), ["lint", file, "--extends=recommended", "--format=stylish"]),
                "spectral" => new ProcessStartInfo(Path.Combine(bin, "spectral"),
                    ["lint", file, "--ruleset", Path.Combine(LinterFolder, ".spectral.yaml"), "--fail-severity=error"]),
                _ => throw new ArgumentOutOfRangeException(nameof(linter)),
            };
            start.WorkingDirectory = LinterFolder;
            start.RedirectStandardOutput = start.RedirectStandardError = true;
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            start.Environment["NO_COLOR"] = "1";
            using var process = Process.Start(start)
                ?? throw new InvalidOperationException($"{linter} did not start: run `npm ci` in ops/openapi-lint (ops/test does).");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await errors);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
