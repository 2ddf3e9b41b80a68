using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Counseling.Api.Contract;

/// <summary>
/// Request bodies keep every field nullable in C# so that a missing field is reported by name with the others (see
/// OpenCaseRequest); the document instead says what the validators demand: required fields are required and not
/// nullable, optional ones are optional, and each field carries the validators' limits.
/// </summary>
public sealed class RequestSchemaTransformer(FieldRules fieldRules) : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (Nullable.GetUnderlyingType(type) is { IsEnum: true } enumType && string.IsNullOrEmpty(schema.Description))
        {
            // Request enums are nullable in C#, and the XML summary is looked up for Nullable<T>, not for the enum itself.
            schema.Description = (await context.GetOrCreateSchemaAsync(enumType, cancellationToken: cancellationToken)).Description;
            return;
        }
        // (A nested body, such as OpenCaseRequest.worker, reaches here as that property's schema: it is still its type's.)
        if (schema.Properties is null || !fieldRules.Covers(type)) return;

        var rules = fieldRules.For(type);
        var required = new HashSet<string>();
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AttributeProvider is not MemberInfo member || !schema.Properties.TryGetValue(property.Name, out var propertySchema)) continue;
            if (!rules.TryGetValue(member.Name, out var rule)) continue;
            if (rule.Required)
            {
                required.Add(property.Name);
                schema.Properties[property.Name] = propertySchema = NotNullable(propertySchema);
            }
            if (propertySchema is OpenApiSchema field) ApplyLimits(field, rule);
        }
        schema.Required = required;
    }

    private static IOpenApiSchema NotNullable(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema inline) return schema;
        // A nullable reference (an enum, a nested object) is written as oneOf: [null, $ref]: keep the reference alone.
        // (A nullable reference, written as oneOf [null, $ref], only takes its final shape later: the document
        // transformer drops its null branch.)
        if (inline.Type is { } jsonType) inline.Type = jsonType & ~JsonSchemaType.Null;
        return inline;
    }

    private static void ApplyLimits(OpenApiSchema field, FieldRule rule)
    {
        if (rule.MinLength is { } minLength) field.MinLength = minLength;
        if (rule.MaxLength is { } maxLength) field.MaxLength = maxLength;
        if (rule.Pattern is { } pattern) field.Pattern = pattern;
        if (rule.Minimum is { } minimum) field.Minimum = minimum;
        if (rule.Maximum is { } maximum) field.Maximum = maximum;
        if (rule.ExclusiveMinimum is { } exclusiveMinimum) field.ExclusiveMinimum = exclusiveMinimum;
        if (rule.MinItems is { } minItems) field.MinItems = minItems;
        if (rule.MaxItems is { } maxItems) field.MaxItems = maxItems;
        if (field.Items is OpenApiSchema item)
        {
            if (rule.ItemMaxLength is { } itemMaxLength)
            {
                item.MaxLength = itemMaxLength;
                item.MinLength = 1;
            }
            if (rule.ItemPattern is { } itemPattern) item.Pattern = itemPattern;
        }
    }
}
