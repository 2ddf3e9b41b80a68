using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Counseling.Api.Contract;

/// <summary>
/// The document as a whole: who it is for, the bearer-token scheme every operation requires (health and the API
/// reference are not in the document and need no token), one line per tag, and a description for the schemas the
/// framework contributes (the service's own come from their XML summaries).
/// </summary>
public sealed class DocumentContractTransformer(FieldRules fieldRules) : IOpenApiDocumentTransformer
{
    private readonly HashSet<string> requestBodies = fieldRules.RequestTypes.Select(type => type.Name).ToHashSet();

    public const string BearerScheme = "bearer";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Cases"] = "Open a case, log sessions and read a case as it stands or as it stood.",
        ["Journey"] = "The steps of a worker's journey after intake: assessment, referrals, placement, closure.",
        ["Caseloads"] = "Counselors' caseloads and follow-ups, offices' dashboards, kept by async projections.",
        ["Audit"] = "Events, history, seals and personal-data reads, for auditors and supervisors.",
        ["Personal data"] = "Erasure requests under UU 27/2022 (Pelindungan Data Pribadi).",
        ["Reference data"] = "Counselors and their certificates.",
    };

    private static readonly Dictionary<string, string> FrameworkSchemas = new()
    {
        ["ProblemDetails"] = "An RFC 9457 problem: what went wrong, for a person (title, detail) and a program (type, status, errors).",
        ["IResult"] = "The answer's body as the operation describes it.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "JKP Counseling API",
            Version = "v1",
            Description = "Case management for the employment counselors who guide workers claiming JKP (Jaminan Kehilangan " +
                          "Pekerjaan) after a layoff: intake, sessions, self-assessment, referrals, placement and closure. " +
                          "Every answer that is not a success is an RFC 9457 problem.",
            Contact = new OpenApiContact { Name = "JKP Counseling maintainers", Email = "jkp-counseling@example.org" },
            License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://jkp-counseling.example/license") },
        };
        // Relative: the API is wherever the document was read from. The same document on every host, so the committed
        // contract equals the served one, and linters accept it (a host URL with a trailing '/' was an error).
        document.Servers = [new OpenApiServer { Url = "/", Description = "The host that serves this document." }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT from the OpenID Connect provider, with the claims sub (user id), role and office.",
        };
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
        }

        foreach (var (name, schema) in document.Components.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            // An enum reached through a nullable property lists null among its values; the service never accepts it.
            if (schema is OpenApiSchema { Enum: { Count: > 0 } values } enumeration)
            {
                foreach (var nullValue in values.Where(v => v is null).ToList()) values.Remove(nullValue);
                enumeration.Type = JsonSchemaType.String;
            }
            if (requestBodies.Contains(name) && schema is OpenApiSchema { Properties: { } properties, Required: { } required })
            {
                foreach (var field in required) properties[field] = NotNullable(properties[field]);
            }
        }

        document.Tags = new HashSet<OpenApiTag>(TagDescriptions.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }));

        foreach (var (name, schema) in document.Components.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (schema is OpenApiSchema own && string.IsNullOrEmpty(own.Description) && FrameworkSchemas.TryGetValue(name, out var line))
                own.Description = line;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// A required request field that refers to another schema (an enum, a nested object) is written by the generator as
    /// oneOf [null, $ref] because the C# property is nullable; the validators never let null through.
    /// </summary>
    private static IOpenApiSchema NotNullable(IOpenApiSchema schema) =>
        schema is OpenApiSchema { OneOf: { Count: 2 } oneOf } && oneOf.Count(s => s.Type == JsonSchemaType.Null) == 1
            ? oneOf.Single(s => s.Type != JsonSchemaType.Null)
            : schema;
}
