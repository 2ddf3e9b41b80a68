using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Counseling.Api.Audit;

namespace Counseling.Api.Reports.Monthly;

/// <summary>One figure whose reported value is not what the record gives: its path in the figures ("month.placements").</summary>
public sealed record FigureDifference(string Figure, string? Reported, string? Recomputed);

/// <summary>
/// The digest of a report's figures: SHA-256 (lower-case hex) over the figures in canonical JSON (<see cref="CanonicalJson"/>:
/// keys sorted, no white space), as the API writes them (web JSON defaults: camelCase names, numbers as numbers,
/// nulls written). Anyone holding the JSON report can recompute it with a JSON canonicalizer and sha256sum; the
/// service's own recomputation also names each figure that differs.
/// </summary>
public static class MonthlyDigest
{
    public const string Algorithm = "sha256-canonical-json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
    };

    public static string CanonicalOf(MonthlyFigures figures) => CanonicalJson.Of(JsonSerializer.Serialize(figures, Json));

    public static string Of(MonthlyFigures figures) => OfCanonical(CanonicalOf(figures));

    public static string Of(JsonNode figures) => OfCanonical(CanonicalJson.Of(figures.ToJsonString()));

    private static string OfCanonical(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    /// <summary>Every figure, by its path ("month.jobReferralOutcomes.hired", "cohorts[2026-11].placed"), as canonical JSON text.</summary>
    public static SortedDictionary<string, string> Flatten(JsonNode? figures)
    {
        var leaves = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(figures, "", leaves);
        return leaves;
    }

    public static SortedDictionary<string, string> Flatten(MonthlyFigures figures) => Flatten(JsonNode.Parse(CanonicalOf(figures)));

    /// <summary>The figures that differ between a report and its recomputation, by path; a figure present on one side only differs too.</summary>
    public static IReadOnlyList<FigureDifference> Compare(JsonNode? reported, MonthlyFigures recomputed)
    {
        var theirs = Flatten(reported);
        var ours = Flatten(recomputed);
        return
        [
            .. theirs.Keys.Union(ours.Keys).Order(StringComparer.Ordinal)
                .Where(path => theirs.GetValueOrDefault(path) != ours.GetValueOrDefault(path))
                .Select(path => new FigureDifference(path, theirs.GetValueOrDefault(path), ours.GetValueOrDefault(path))),
        ];
    }

    private static void Walk(JsonNode? node, string path, IDictionary<string, string> leaves)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj) Walk(value, path.Length == 0 ? key : $"{path}.{key}", leaves);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) Walk(array[i], $"{path}[{KeyOf(array[i], i)}]", leaves);
                break;
            default:
                leaves[path] = node is null ? "null" : CanonicalJson.Of(node.ToJsonString());
                break;
        }
    }

    /// <summary>A list item by what it is about (a counselor, a month, a cohort) rather than its position, so one missing row names itself only.</summary>
    private static string KeyOf(JsonNode? item, int index) =>
        item is JsonObject obj
            ? (obj["counselorId"] ?? obj["month"] ?? obj["group"])?.GetValue<string>() ?? index.ToString(CultureInfo.InvariantCulture)
            : index.ToString(CultureInfo.InvariantCulture);
}
