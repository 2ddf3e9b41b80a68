using System.Globalization;
using System.Reflection;
using Counseling.Api.Infrastructure;
using FluentValidation;
using FluentValidation.Validators;

namespace Counseling.Api.Contract;

/// <summary>What the validators demand of one field of a request body, as the OpenAPI document states it.</summary>
public sealed record FieldRule
{
    public bool Required { get; set; }
    public int? MinLength { get; set; }
    public int? MaxLength { get; set; }
    public string? Pattern { get; set; }
    public string? Minimum { get; set; }
    public string? Maximum { get; set; }
    public string? ExclusiveMinimum { get; set; }
    public int? MinItems { get; set; }
    public int? MaxItems { get; set; }
    public int? ItemMaxLength { get; set; }
    public string? ItemPattern { get; set; }
}

/// <summary>
/// The request bodies' field rules, read once from the FluentValidation validators' own rule components, so the
/// document states the limits the service enforces without anyone writing them twice. A field is required when an
/// unconditional NotNull/NotEmpty rule demands it; rules under When/Unless only narrow what an optional field may hold.
/// </summary>
public sealed class FieldRules
{
    private readonly Dictionary<(Type Type, string Member), FieldRule> _rules = [];

    public static FieldRules FromValidatorsIn(Assembly assembly)
    {
        var rules = new FieldRules();
        var validatorTypes = assembly.GetTypes().Where(type =>
            type is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator).IsAssignableFrom(type) &&
            type.GetConstructor(Type.EmptyTypes) is not null);
        foreach (var validatorType in validatorTypes)
        {
            var validator = (IValidator)Activator.CreateInstance(validatorType)!;
            var requestType = validatorType.GetInterfaces()
                .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)).GetGenericArguments()[0];
            foreach (var rule in (IEnumerable<IValidationRule>)validator) rules.Read(rule, requestType, conditional: false);
        }
        return rules;
    }

    public IReadOnlyDictionary<string, FieldRule> For(Type requestType) =>
        _rules.Where(r => r.Key.Type == requestType).ToDictionary(r => r.Key.Member, r => r.Value);

    public IEnumerable<Type> RequestTypes => _rules.Keys.Select(k => k.Type).Distinct();

    public bool Covers(Type requestType) => _rules.Keys.Any(k => k.Type == requestType);

    private void Read(IValidationRule rule, Type requestType, bool conditional)
    {
        conditional |= rule.HasCondition || rule.HasAsyncCondition;
        if (MemberOf(rule, requestType) is { DeclaringType: { } declaringType } member)
        {
            // A field inherited from a base record (RecordReferralOutcomeRequest<T>.Outcome) belongs to the request type
            // the document shows, not to the base, which has no schema of its own.
            var owner = declaringType.IsAssignableFrom(requestType) ? requestType : declaringType;
            var key = (owner, member.Name);
            if (!_rules.TryGetValue(key, out var field)) _rules[key] = field = new FieldRule();
            var eachItem = rule.GetType().Name.StartsWith("CollectionPropertyRule", StringComparison.Ordinal);
            foreach (var component in rule.Components)
            {
                var unconditional = !conditional && !component.HasCondition && !component.HasAsyncCondition;
                if (eachItem) ReadItem(field, component.Validator);
                else Read(field, component.Validator, unconditional, MemberType(member));
            }
        }
        foreach (var dependent in rule.DependentRules ?? []) Read(dependent, requestType, conditional);
    }

    /// <summary>
    /// The member a rule validates. A rule on a nested field (RuleFor(r => r.Worker!.Nik)) names no member of its own,
    /// only its path ("Worker.Nik"), which is followed from the request type.
    /// </summary>
    private static MemberInfo? MemberOf(IValidationRule rule, Type requestType)
    {
        if (rule.Member is not null) return rule.Member;
        if (string.IsNullOrEmpty(rule.PropertyName)) return null;
        MemberInfo? member = null;
        var type = requestType;
        foreach (var name in rule.PropertyName.Split('.'))
        {
            member = type.GetProperty(name);
            if (member is null) return null;
            type = MemberType(member);
        }
        return member;
    }

    private static void Read(FieldRule field, IPropertyValidator validator, bool unconditional, Type memberType)
    {
        var isText = memberType == typeof(string);
        switch (validator)
        {
            case INotNullValidator when unconditional:
                field.Required = true;
                break;
            case INotEmptyValidator:
                if (unconditional) field.Required = true;
                if (isText) field.MinLength = Math.Max(field.MinLength ?? 0, 1);
                else if (memberType != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(memberType))
                    field.MinItems = Math.Max(field.MinItems ?? 0, 1);
                break;
            case ILengthValidator length:
                if (length.Min > 0) field.MinLength = Math.Max(field.MinLength ?? 0, length.Min);
                if (length.Max > 0) field.MaxLength = length.Max;
                break;
            case IRegularExpressionValidator regex:
                field.Pattern = regex.Expression;
                break;
            case IBetweenValidator between:
                field.Minimum = Number(between.From);
                field.Maximum = Number(between.To);
                break;
            case IComparisonValidator { ValueToCompare: { } value } comparison:
                switch (comparison.Comparison)
                {
                    case Comparison.GreaterThanOrEqual: field.Minimum = Number(value); break;
                    case Comparison.GreaterThan: field.ExclusiveMinimum = Number(value); break;
                    case Comparison.LessThanOrEqual: field.Maximum = Number(value); break;
                }
                break;
            case IListOfTextLimits list:
                field.MaxItems = list.MaxItems;
                field.ItemMaxLength = list.MaxItemLength;
                break;
            case IListSizeLimit size:
                field.MaxItems = size.MaxItems;
                break;
        }
    }

    private static void ReadItem(FieldRule field, IPropertyValidator validator)
    {
        switch (validator)
        {
            case IRegularExpressionValidator regex: field.ItemPattern = regex.Expression; break;
            case ILengthValidator { Max: > 0 } length: field.ItemMaxLength = length.Max; break;
        }
    }

    private static Type MemberType(MemberInfo member)
    {
        var type = member switch
        {
            PropertyInfo property => property.PropertyType,
            FieldInfo f => f.FieldType,
            _ => typeof(object),
        };
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    private static string Number(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;
}
