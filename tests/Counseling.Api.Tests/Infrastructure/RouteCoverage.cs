using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Sdk;

namespace Counseling.Api.Tests.Infrastructure;

/// <summary>
/// The routes the running service answers, read from ASP.NET's endpoint data source (Wolverine's endpoints and the
/// minimal-API ones alike), each as "METHOD pattern", e.g. "POST /cases/{id}/sessions". Tests that must cover every
/// route (role matrix, hostile input) compare their table of expectations with this list, so a new route without an
/// expectation fails the suite by name instead of going untested.
/// </summary>
public static class RouteCoverage
{
    /// <summary>
    /// Infrastructure routes that serve no case, worker or office data and take no input that reaches the store:
    /// the health check, the OpenAPI document and the API reference page with its assets (ServiceSurfaceTests).
    /// </summary>
    public static readonly IReadOnlySet<string> Exempt = new HashSet<string>
    {
        "ANY /health",
        "GET /openapi/{documentName}.json",
        "GET /docs/{documentName?}",
        "GET /docs/scalar.js",
        "GET /docs/scalar.aspnetcore.js",
        "GET /docs/favicon.svg",
    };

    /// <summary>Every route the service answers, one entry per HTTP method ("ANY" when the route takes every method).</summary>
    public static IReadOnlyList<string> Served(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint =>
                (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["ANY"])
                .Select(method => $"{method} {endpoint.RoutePattern.RawText}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// What is wrong with <paramref name="table"/> as a list of expectations for <paramref name="served"/>: each
    /// served route that is neither in the table nor exempt, and each table entry for a route the service does not
    /// answer (a route renamed or removed). Empty when the table covers the service exactly.
    /// </summary>
    public static IReadOnlyList<string> Gaps(IEnumerable<string> served, IEnumerable<string> table, string tableName)
    {
        var routes = served.ToHashSet();
        var declared = table.ToHashSet();
        return
        [
            .. routes.Where(route => !declared.Contains(route) && !Exempt.Contains(route)).Order(StringComparer.Ordinal)
                .Select(route => $"{route} has no expectation in {tableName}: add one."),
            .. declared.Where(route => !routes.Contains(route)).Order(StringComparer.Ordinal)
                .Select(route => $"{route} is in {tableName}, but the service does not answer it."),
        ];
    }

    /// <summary>Fails, naming every gap, unless <paramref name="table"/> covers <paramref name="served"/> exactly.</summary>
    public static void AssertCovers(IEnumerable<string> served, IEnumerable<string> table, string tableName)
    {
        var gaps = Gaps(served, table, tableName);
        if (gaps.Count > 0)
            throw new XunitException($"{gaps.Count} route(s) not covered by {tableName}:{Environment.NewLine}" +
                                     string.Join(Environment.NewLine, gaps));
    }
}
