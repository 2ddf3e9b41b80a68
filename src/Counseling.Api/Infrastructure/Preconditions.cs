using Counseling.Api.Localization;
using Microsoft.Net.Http.Headers;

namespace Counseling.Api.Infrastructure;

/// <summary>A case's ETag is its stream version; If-Match with an older one means the writer saw stale state.</summary>
public static class Preconditions
{
    public static string ETagFor(long version) => $"\"{version}\"";

    public static ProblemDetails? IfMatchFails(HttpRequest request, long currentVersion)
    {
        var ifMatch = request.Headers[HeaderNames.IfMatch].ToString();
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*") return null;

        var expected = ifMatch.Trim();
        if (expected.StartsWith("W/", StringComparison.Ordinal)) expected = expected[2..];
        expected = expected.Trim('"');
        if (!long.TryParse(expected, out var version))
        {
            return new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["If-Match"] = [Texts.Get("Validation.IfMatch")],
            })
            {
                Type = "https://jkp-counseling.example/problems/invalid-input",
                Title = Texts.Get("Problem.InvalidInput"),
                Status = StatusCodes.Status400BadRequest,
            };
        }

        return version == currentVersion
            ? null
            : new ProblemDetails
            {
                Type = "https://jkp-counseling.example/problems/stale-version",
                Title = Texts.Get("Problem.StaleVersion"),
                Status = StatusCodes.Status412PreconditionFailed,
                Detail = Texts.Format("Problem.StaleVersion.Detail", version, currentVersion),
            };
    }
}
