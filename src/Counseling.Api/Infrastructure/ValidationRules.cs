using FluentValidation;

namespace Counseling.Api.Infrastructure;

/// <summary>Field rules that many requests share.</summary>
public static class ValidationRules
{
    /// <summary>Ids of reference data (offices, counselors): short, URL-safe, lower case.</summary>
    public static IRuleBuilderOptions<T, string?> Identifier<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().Matches("^[a-z0-9][a-z0-9-]{0,63}$")
            .WithMessage("'{PropertyName}' is an id of lower-case letters, digits and '-', at most 64 characters.");

    /// <summary>Free text that must be present: not blank, bounded in length.</summary>
    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.NotEmpty().MaximumLength(maxLength);
}
