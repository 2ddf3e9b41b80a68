using Counseling.Api.Localization;
using System.Globalization;
using System.Text.Json;

namespace Counseling.Api.Caseloads;

/// <summary>
/// Reads query-string parameters and collects every bad one, so a refusal names all of them at once
/// (RFC 9457 problem details, keys are the parameter names).
/// </summary>
public sealed class QueryParameters
{
    private readonly Dictionary<string, string[]> _errors = [];

    public IResult? Problem => _errors.Count == 0
        ? null
        : Results.ValidationProblem(_errors,
            detail: Texts.Get("Query.Invalid.Detail"),
            title: Texts.Get("Query.Invalid.Title"),
            type: "https://jkp-counseling.example/problems/invalid-input");

    public void Fail(string parameter, string reason) => _errors[parameter] = [reason];

    public DateOnly Date(string parameter, string? value, DateOnly fallback)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Fail(parameter, Texts.Format("Query.Date", parameter));
        return fallback;
    }

    /// <summary>
    /// A moment in the past, written as ISO 8601 with its offset ("2027-03-31T17:00:00Z", "2027-04-01T00:00:00+07:00");
    /// null when absent. A date alone is refused: which moment of that day would be a guess.
    /// </summary>
    public DateTimeOffset? PastMoment(string parameter, string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!value.Contains('T') || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
            || !(value.EndsWith('Z') || value.EndsWith("z") || value.LastIndexOfAny(['+', '-']) > value.IndexOf('T')))
        {
            Fail(parameter, Texts.Format("Query.Moment", parameter));
            return null;
        }
        if (moment > now)
        {
            Fail(parameter, Texts.Format("Query.MomentInFuture", parameter, moment));
            return null;
        }
        return moment;
    }

    public int Int(string parameter, string? value, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            return number;
        Fail(parameter, Texts.Format("Query.WholeNumber", parameter, min, max));
        return fallback;
    }

    public bool? Bool(string parameter, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (bool.TryParse(value, out var flag)) return flag;
        Fail(parameter, Texts.Format("Query.Bool", parameter));
        return null;
    }

    /// <summary>An enum value as the JSON bodies spell it ("jobSearch"); numbers are refused.</summary>
    public T? Enum<T>(string parameter, string? value, IReadOnlyCollection<T> allowed) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        foreach (var candidate in allowed)
        {
            if (string.Equals(JsonName(candidate), value, StringComparison.OrdinalIgnoreCase)) return candidate;
        }
        Fail(parameter, Texts.Format("Query.OneOf", parameter, string.Join(", ", allowed.Select(JsonName))));
        return null;
    }

    /// <summary>Checks a period: from not after to, and at most <paramref name="maxDays"/> days long.</summary>
    public void Period(DateOnly from, DateOnly to, int maxDays)
    {
        if (_errors.ContainsKey("from") || _errors.ContainsKey("to")) return;
        if (from > to) Fail("from", Texts.Format("Query.FromAfterTo", from, to));
        else if (to.DayNumber - from.DayNumber + 1 > maxDays) Fail("to", Texts.Format("Query.PeriodTooLong", maxDays));
    }

    public static string JsonName<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

/// <summary>404 answers for reference data named in a URL.</summary>
public static class ReferenceProblems
{
    public static IResult Unknown(string what, string id) => Results.Problem(
        type: "https://jkp-counseling.example/problems/not-found",
        title: Texts.Get($"Problem.NoSuch.{what}"),
        statusCode: StatusCodes.Status404NotFound,
        detail: Texts.Format($"Problem.NoSuch.{what}.Detail", id));
}
