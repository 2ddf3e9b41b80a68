using System.Security.Claims;
using Marten;

namespace Counseling.Api.Audit;

/// <summary>
/// Who recorded an event and in answer to what: stamped on every event a write appends. The user id and role
/// come from the caller's token; the correlation id is the caller's X-Correlation-ID when it sends one (up to 128
/// characters), or else the request's W3C trace id (the TraceId of its log lines and spans); the causation id is the
/// HTTP request that caused the write.
/// </summary>
public static class AuditTrail
{
    public const string RoleHeader = "role";
    public const string Anonymous = "anonymous";
    public const string CorrelationIdHeader = "X-Correlation-ID";
    public const int MaxCorrelationIdLength = 128;

    /// <summary>The one correlation id of a request, for its events and its log lines alike.</summary>
    public static string CorrelationIdOf(HttpContext http) =>
        http.Request.Headers[CorrelationIdHeader].ToString() is { Length: > 0 and <= MaxCorrelationIdLength } sent
            ? sent
            : System.Diagnostics.Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;

    public static string UserIdOf(ClaimsPrincipal user) =>
        user.FindFirst("sub")?.Value ?? user.Identity?.Name ?? Anonymous;

    public static string RoleOf(ClaimsPrincipal user) =>
        user.FindFirst("role")?.Value ?? user.FindFirst(ClaimTypes.Role)?.Value ?? Anonymous;

    /// <summary>Wolverine middleware for every write endpoint: runs before the endpoint appends.</summary>
    public static void Before(IDocumentSession session, HttpContext http)
    {
        Stamp(session, UserIdOf(http.User), RoleOf(http.User), http.TraceIdentifier);
        session.CorrelationId = CorrelationIdOf(http);
    }

    /// <summary>Names who appends the session's events, in which role, and what caused it.</summary>
    public static void Stamp(IDocumentSession session, string userId, string role, string causationId)
    {
        session.LastModifiedBy = userId;
        session.SetHeader(RoleHeader, role);
        session.CausationId = causationId;
    }
}
