using Counseling.Api.Localization;
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
            .WithMessage(_ => Texts.Get("Validation.Identifier"));

    /// <summary>The same rule for an id that comes in the path rather than the body.</summary>
    public static bool IsIdentifier(string? value) => value is not null && Regex.IsMatch(value, IdentifierPattern);

    /// <summary>Free text that must be present: not blank, bounded in length.</summary>
    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.NotEmpty().MaximumLength(maxLength);

    /// <summary>An optional list of short texts: bounded in count and in each item's length, no blank items.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ListOfText<T>(
        this IRuleBuilder<T, IReadOnlyList<string>?> rule, int maxItems, int maxItemLength) =>
        rule.SetValidator(new ListOfTextValidator<T>(maxItems, maxItemLength));

    /// <summary>An optional list of at most <paramref name="maxItems"/> items (each item validated by its own validator).</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>?> AtMostItems<T, TItem>(
        this IRuleBuilder<T, IReadOnlyList<TItem>?> rule, int maxItems) =>
        rule.SetValidator(new ListSizeValidator<T, TItem>(maxItems));
}
