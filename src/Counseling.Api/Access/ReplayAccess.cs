using Counseling.Api.Localization;
using Counseling.Domain.Cases;
using Marten;
using Microsoft.AspNetCore.Authorization;

namespace Counseling.Api.Access;

/// <summary>
/// The case check an Idempotency-Key's stored answer must pass before it is replayed. The key is scoped to its caller
/// (see IdempotentAttribute), and the caller's role, registration and certificate are checked by authorization before
/// any lookup; this covers what may have changed for that same caller since the first answer: the case reassigned to
/// another counselor, the counselor moved to another office. The stored answer names the case (route or Location).
/// </summary>
public static class ReplayAccess
{
    public static async Task<ProblemDetails?> RefusalAsync(
        HttpContext http, IQuerySession session, string? storedLocation, CancellationToken cancellation)
    {
        if (Caller.From(http.User) is not { } caller) return CaseAccess.Problem(Texts.Get("Access.NoCaller"));
        if (CaseIdOf(http, storedLocation) is not { } caseId) return null;

        var current = await session.LoadAsync<CounselingCase>(caseId, cancellation);
        if (current is null) return null;
        var policy = http.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault();
        return policy == AccessPolicies.ErasureOfficers ? CaseAccess.ToErase(caller, current) : CaseAccess.ToWrite(caller, current);
    }

    /// <summary>A write on a case names it in its route (/cases/{id}/...); an intake's answer names it in its Location.</summary>
    private static Guid? CaseIdOf(HttpContext http, string? storedLocation)
    {
        if (http.Request.RouteValues.TryGetValue("id", out var id) && Guid.TryParse(id?.ToString(), out var routed)) return routed;
        const string prefix = "/cases/";
        return storedLocation is not null && storedLocation.StartsWith(prefix, StringComparison.Ordinal)
               && Guid.TryParse(storedLocation[prefix.Length..], out var located)
            ? located
            : null;
    }
}
