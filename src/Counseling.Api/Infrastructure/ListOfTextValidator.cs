using Counseling.Api.Localization;
using FluentValidation;
using FluentValidation.Validators;

namespace Counseling.Api.Infrastructure;

/// <summary>
/// An optional list of short texts: at most <see cref="MaxItems"/> items, each non-blank and at most
/// <see cref="MaxItemLength"/> characters. A validator of its own (not two Must predicates) so that the OpenAPI
/// document can read its limits from the rule itself.
/// </summary>
/// <summary>How many items a list may hold, whatever the request type (the OpenAPI document's maxItems).</summary>
public interface IListSizeLimit
{
    int MaxItems { get; }
}

/// <summary>The limits of a <see cref="ListOfTextValidator{T}"/>, whatever the request type.</summary>
public interface IListOfTextLimits : IListSizeLimit
{
    int MaxItemLength { get; }
}

/// <summary>An optional list of at most <see cref="MaxItems"/> items, whose items have validators of their own.</summary>
public sealed class ListSizeValidator<T, TItem>(int maxItems) : PropertyValidator<T, IReadOnlyList<TItem>?>, IListSizeLimit
{
    public int MaxItems { get; } = maxItems;

    public override string Name => "ListSizeValidator";

    public override bool IsValid(ValidationContext<T> context, IReadOnlyList<TItem>? list)
    {
        if (list is not null && list.Count > MaxItems)
            context.AddFailure(context.PropertyPath, Texts.Format("Validation.ListAtMost", context.DisplayName, MaxItems));
        return true;
    }
}

public sealed class ListOfTextValidator<T>(int maxItems, int maxItemLength)
    : PropertyValidator<T, IReadOnlyList<string>?>, IListOfTextLimits
{
    public int MaxItems { get; } = maxItems;

    public int MaxItemLength { get; } = maxItemLength;

    public override string Name => "ListOfTextValidator";

    public override bool IsValid(ValidationContext<T> context, IReadOnlyList<string>? list)
    {
        if (list is null) return true;
        if (list.Count > MaxItems)
        {
            context.AddFailure(context.PropertyPath, Texts.Format("Validation.ListAtMost", context.DisplayName, MaxItems));
            return true;
        }
        if (list.Any(item => string.IsNullOrWhiteSpace(item) || item.Length > MaxItemLength))
        {
            context.AddFailure(context.PropertyPath,
                Texts.Format("Validation.ListItem", context.DisplayName, MaxItemLength));
        }
        return true;
    }
}
