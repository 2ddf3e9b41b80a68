using System.Text.RegularExpressions;
using FluentValidation;

namespace Counseling.Api.Infrastructure;

/// <summary>Field rules that many requests share.</summary>
public static class ValidationRules
{
    private const string IdentifierPattern = "^[a-z0-9][a-z0-9-]{0,63}$";

    /// <summary>Ids of reference data (offices, counselors): short, URL-safe, lower case.</summary>
    public static IRuleBuilderOptions<T, string?> Identifier<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().Matches(IdentifierPattern)
            .WithMessage("'{PropertyName}' is an id of lower-case letters, digits and '-', at most 64 characters.");

    /// <summary>The same rule for an id that comes in the path rather than the body.</summary>
    public static bool IsIdentifier(string? value) => value is not null && Regex.IsMatch(value, IdentifierPattern);

    /// <summary>Free text that must be present: not blank, bounded in length.</summary>
    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.NotEmpty().MaximumLength(maxLength);

    /// <summary>An optional list of short texts: bounded in count and in each item's length, no blank items.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ListOfText<T>(
        this IRuleBuilder<T, IReadOnlyList<string>?> rule, int maxItems, int maxItemLength) =>
        rule.Must(list => list is null || list.Count <= maxItems)
            .WithMessage($"'{{PropertyName}}' holds at most {maxItems} items.")
            .Must(list => list is null || list.All(item => !string.IsNullOrWhiteSpace(item) && item.Length <= maxItemLength))
            .WithMessage($"Each item of '{{PropertyName}}' is non-blank text of at most {maxItemLength} characters.");
}
