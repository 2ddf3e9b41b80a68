using Counseling.Api.Localization;

namespace Counseling.Api.Infrastructure;

/// <summary>
/// Request bodies here are small JSON documents. Larger ones are refused before they are read: 413 problem details.
/// A body sent without a Content-Length is read up to the limit first, so that it gets the same answer.
/// </summary>
public static class RequestSizeLimit
{
    public const long MaxBodyBytes = 64 * 1024;

    public static void LimitRequestBodies(this WebApplicationBuilder builder) =>
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes);

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await RefuseAsync(context);
            return;
        }
        // A body sent without a Content-Length (chunked) is read here, up to the limit, before anything parses it: read
        // later, Kestrel's limit would surface inside the JSON reader as a 400 "invalid JSON", not as the 413 it is.
        if (context.Request.ContentLength is null && context.Request.Headers.TransferEncoding.Count > 0)
        {
            var body = await ReadUpToLimitAsync(context);
            if (body is null)
            {
                await RefuseAsync(context);
                return;
            }
            context.Request.Body = body;
            context.Request.ContentLength = body.Length;
        }
        await next(context);
    });

    /// <summary>The whole body, or null when it is larger than the limit (or Kestrel stopped it for that).</summary>
    private static async Task<MemoryStream?> ReadUpToLimitAsync(HttpContext context)
    {
        var body = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (body.Length + read > MaxBodyBytes) return null;
                body.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        body.Position = 0;
        return body;
    }

    private static async Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await Results.Problem(new ProblemDetails
        {
            Type = "https://jkp-counseling.example/problems/too-large",
            Title = Texts.Get("Problem.TooLarge"),
            Status = StatusCodes.Status413PayloadTooLarge,
            Detail = Texts.Format("Problem.TooLarge.Detail", MaxBodyBytes / 1024),
        }).ExecuteAsync(context);
    }
}
