using System.Security.Claims;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Marten;

namespace Counseling.Api.Access;

public static class CaseReading
{
    /// <summary>The 404 or 403 answer for a caller who may not read this case, or null when they may.</summary>
    public static async Task<IResult?> DeniedAsync(Guid caseId, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var current = await session.LoadAsync<CounselingCase>(caseId, cancellation);
        if (current is null) return Results.Problem(Problems.CaseNotFound(caseId));
        return CaseAccess.ToRead(Caller.From(user)!, current) is { } forbidden ? Results.Problem(forbidden) : null;
    }
}
