using Counseling.Api.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Counseling.Api.Contract;

/// <summary>
/// What every operation answers besides success, derived from how the service is composed rather than written on each
/// endpoint: the token and role checks (401, 403), the database outage handler (503), the body size limit (413), the
/// validators (400), the case-write workflow (If-Match and 412, the stream lock and 409, the domain's refusals 422)
/// and Wolverine's deduplication (Idempotency-Key).
/// </summary>
public sealed class OperationContractTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<int, string> Answers = new()
    {
        [400] = "Invalid input: problem details whose 'errors' name each bad field, header or query parameter.",
        [401] = "No valid bearer token.",
        [403] = "The caller's role, office, caseload or counselor certificate does not allow this; the problem says which.",
        [404] = "No such case, referral, counselor or office.",
        [409] = "The case is not in a state that allows this, or a concurrent write to it came first.",
        [412] = "If-Match names a version the case is no longer at: read it again and retry with its ETag.",
        [413] = "The request body is larger than 64 KiB.",
        [422] = "The rules of JKP do not allow this, or the Idempotency-Key was already used for a different request.",
        [429] = "Too many writes from this caller within the minute (Counseling__WritesPerMinute): retry after the Retry-After seconds.",
        [503] = "The database is unavailable: retry after the Retry-After seconds.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var method = description.HttpMethod ?? "GET";
        var path = "/" + description.RelativePath;
        var metadata = description.ActionDescriptor.EndpointMetadata;

        operation.OperationId = OperationIds.For(method, metadata) ?? operation.OperationId;
        // Wolverine writes its internal chain id as the description; the summary is the one line a reader needs.
        if (operation.Summary is { } summary) operation.Description = summary.EndsWith('.') ? summary : summary + ".";

        var writesCase = method == "POST" && path.StartsWith("/cases/{id}/", StringComparison.Ordinal);
        var idempotent = metadata.OfType<IdempotentAttribute>().Any();
        operation.Parameters ??= [];
        if (writesCase)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "The case's ETag from GET /cases/{id} (its version, such as \"3\"): the write is refused with 412 " +
                              "when the case has moved on. Without it the write applies to the case as it stands.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^(W/)?\"[0-9]+\"$|^\\*$" },
            });
        }
        if (idempotent)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "Idempotency-Key",
                In = ParameterLocation.Header,
                Required = false,
                Description = "A key of the client's choosing (a UUID): a retry with the same key gets the first answer and appends nothing.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
            });
        }

        var statuses = new List<int> { 401, 403, 503 };
        var hasBody = operation.RequestBody is not null;
        var hasQuery = operation.Parameters.Any(p => p.In == ParameterLocation.Query);
        if (hasBody || hasQuery || writesCase) statuses.Add(400);
        if (hasBody) statuses.Add(413);
        if (description.ParameterDescriptions.Any(p => p.Source.Id == "Path")) statuses.Add(404);
        if (writesCase) statuses.AddRange([409, 412, 422]);
        if (idempotent) statuses.Add(422);
        // Writes are limited per caller (WriteRateLimit); a write on a case locked by another transaction waits a few
        // seconds, then answers 409 with Retry-After (CaseLocked).
        if (method is "POST" or "PUT") statuses.Add(429);
        if (writesCase) statuses.Add(409);

        operation.Responses ??= [];
        foreach (var status in statuses.Distinct())
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse known)
                known.Description = Answers[status];
            else
                operation.Responses[key] = new OpenApiResponse { Description = Answers[status] };
        }
        // Every answer that is not a success is a problem, also those an endpoint declares itself (a 404 from
        // Wolverine's own "no such resource" metadata came without any content).
        foreach (var (key, response) in operation.Responses)
        {
            if (response is OpenApiResponse problem && int.TryParse(key, out var code) && code >= 400)
            {
                problem.Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
                };
            }
        }
        // An answer an endpoint declares with its own description (ProducesResponseType's Description) says it.
        foreach (var declared in metadata.OfType<Microsoft.AspNetCore.Mvc.ProducesResponseTypeAttribute>().Where(a => a.Description is not null))
        {
            if (operation.Responses.TryGetValue(declared.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var answer)
                && answer is OpenApiResponse described)
                described.Description = declared.Description;
        }
        foreach (var (_, response) in operation.Responses)
        {
            // A file answer (the monthly report's PDF or CSV) is not the JSON answer's schema, whatever the attribute
            // declaring the media types says: the PDF is bytes, the CSV text.
            if (response is not OpenApiResponse { Content: { } content }) continue;
            if (content.TryGetValue("application/pdf", out var pdf))
                pdf.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            if (content.TryGetValue("text/csv", out var csv))
                csv.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "CSV (UTF-8, a header row)." };
        }
        foreach (var (key, response) in operation.Responses)
        {
            if (response is OpenApiResponse { Description: "OK" or "Created" } success)
                success.Description = key == "201" ? "Created: the new resource and where it lives." : "Done: the answer below.";
        }
        return Task.CompletedTask;
    }
}
