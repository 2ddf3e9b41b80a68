using System.Text.Json;
using Counseling.Api.Infrastructure;
using Counseling.Api.Localization;

namespace Counseling.Api.PersonalData;

/// <summary>
/// Refuses a request body holding a text value in the stored-ciphertext form ("pdp1:..."), whatever field it is in:
/// <see cref="PersonalDataEncryption"/> leaves a value already in that form as it is (so that copies of stored events
/// are not encrypted twice), so such a value from a client would be stored unencrypted (base64 of clear text that
/// survives erasure) or unreadable (a 500 for every page that shows it). No person types that prefix; refusing it in
/// every field, not only the personal ones, keeps one rule for fields added later. 400 problem details naming the
/// field (its JSON path, as the validators name fields), before anything reads the body, so nothing is written.
/// </summary>
public static class CiphertextInput
{
    public static IApplicationBuilder UseCiphertextInputRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HasBody(request) && request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Bodies are at most 64 KiB (RequestSizeLimit runs first), so buffering one to read it twice is cheap.
            request.EnableBuffering();
            var field = await FirstCiphertextFieldAsync(request.Body, context.RequestAborted);
            request.Body.Position = 0;
            if (field is not null)
            {
                var problem = Problems.InvalidQuery(field, Texts.Get("Problem.CiphertextInput"));
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await Results.Problem(problem).ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    });

    private static bool HasBody(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method)) &&
        request.ContentLength is null or > 0;

    /// <summary>The JSON path of the first text value in ciphertext form, or null; a body that is not JSON is left to the endpoint's own 400.</summary>
    public static async Task<string?> FirstCiphertextFieldAsync(Stream body, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellation);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        // Nearly every body holds neither the prefix nor a \u escape (which could spell it): those are not parsed a
        // second time (the endpoint parses them once). Measured as API CPU per session write by ops/bench (docs/benchmarks.md).
        if (!MayHoldCiphertext(bytes.Span)) return null;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return Find(document.RootElement, "");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether the raw JSON has "pdp1:" as it is, or any \u escape that could spell it: otherwise no value can start with it.</summary>
    public static bool MayHoldCiphertext(ReadOnlySpan<byte> json) =>
        json.IndexOf("pdp1:"u8) >= 0 || json.IndexOf("\\u"u8) >= 0;

    private static string? Find(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return PersonalDataProtection.IsProtected(element.GetString()) ? (path.Length == 0 ? "request" : path) : null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    if (Find(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}") is { } found) return found;
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    if (Find(item, $"{path}[{index++}]") is { } found) return found;
                return null;
            default:
                return null;
        }
    }
}
