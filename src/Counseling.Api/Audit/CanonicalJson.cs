using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Counseling.Api.Audit;

/// <summary>
/// One spelling for equal JSON: object keys sorted, no insignificant white space, one escaping rule. The serializer
/// writing an event and PostgreSQL's jsonb text reading it back differ in key order and escaping, not in content.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonSerializerOptions Writer = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Of(string? json) =>
        string.IsNullOrWhiteSpace(json) ? "null" : Sorted(JsonNode.Parse(json))?.ToJsonString(Writer) ?? "null";

    /// <summary>Event headers: absent and empty are the same.</summary>
    public static string OfHeaders(string? json) => Of(json) is "{}" ? "null" : Of(json);

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
