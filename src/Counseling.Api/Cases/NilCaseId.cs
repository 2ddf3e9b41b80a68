using Counseling.Api.Infrastructure;

namespace Counseling.Api.Cases;

/// <summary>
/// The nil UUID (00000000-0000-0000-0000-000000000000) reads as a Guid but can name no case: Marten refuses it as a
/// stream id with an exception, which a write's load of the case would turn into a 500. It is answered as what it is,
/// an unknown case (404), before any endpoint runs, and after authentication and authorization, so an anonymous
/// caller still gets 401 first.
/// </summary>
public static class NilCaseId
{
    public static IApplicationBuilder UseNilCaseIdAsUnknownCase(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            && pattern.StartsWith("/cases/{id}", StringComparison.Ordinal)
            && Guid.TryParse(context.Request.RouteValues["id"]?.ToString(), out var id) && id == Guid.Empty)
        {
            await Results.Problem(Problems.CaseNotFound(id)).ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
