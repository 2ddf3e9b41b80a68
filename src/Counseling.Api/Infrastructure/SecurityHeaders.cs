using Microsoft.Net.Http.Headers;

namespace Counseling.Api.Infrastructure;

/// <summary>
/// Headers for an API whose answers hold personal data: browsers must not guess a content type (nosniff) or show an
/// answer inside another site's frame (X-Frame-Options, and CSP frame-ancestors for browsers that read only CSP), and
/// must not send this service's URLs, which hold case ids, to other sites. Outside Development browsers are also told
/// to reach the service over HTTPS only (HSTS, ASP.NET's own middleware, which sends it on HTTPS answers). No answer may
/// be kept by a browser or a proxy (<c>Cache-Control: no-store</c>): most hold personal data, and one rule for every
/// answer leaves none out when a route is added.
/// </summary>
public static class SecurityHeaders
{
    public static void UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use((context, next) =>
        {
            // As the answer starts: the exception handler clears the headers of an answer it replaces (409, 503).
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers[HeaderNames.XFrameOptions] = "DENY";
                headers[HeaderNames.ContentSecurityPolicy] = "frame-ancestors 'none'";
                headers["Referrer-Policy"] = "no-referrer";
                headers[HeaderNames.CacheControl] = "no-store";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
