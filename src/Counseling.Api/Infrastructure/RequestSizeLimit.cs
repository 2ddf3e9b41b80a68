using Counseling.Api.Localization;

namespace Counseling.Api.Infrastructure;

/// <summary>
/// Request bodies here are small JSON documents. Larger ones are refused before they are read: 413 problem details.
/// Kestrel enforces the same limit on bodies sent without a Content-Length.
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
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(new ProblemDetails
            {
                Type = "https://jkp-counseling.example/problems/too-large",
                Title = Texts.Get("Problem.TooLarge"),
                Status = StatusCodes.Status413PayloadTooLarge,
                Detail = Texts.Format("Problem.TooLarge.Detail", MaxBodyBytes / 1024),
            }).ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
