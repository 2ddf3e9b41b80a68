using System.Security.Claims;
using Counseling.Api.Audit.PersonalDataReads;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Marten;

namespace Counseling.Api.Access;

/// <summary>Every read of a case's personal data goes through here: access is checked, oversight reads recorded.</summary>
public static class CaseReading
{
    /// <summary>The case as it stands, or the 404/403 answer for a caller who may not read it.</summary>
    public static async Task<(CounselingCase? Case, IResult? Denied)> OpenAsync(
        Guid caseId, string view, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var current = await session.LoadAsync<CounselingCase>(caseId, cancellation);
        if (current is null) return (null, Results.Problem(Problems.CaseNotFound(caseId)));

        var caller = Caller.From(user)!;
        if (CaseAccess.ToRead(caller, current) is { } forbidden) return (null, Results.Problem(forbidden));

        PersonalDataReadLog.Record(session, caller, caseId, view, clock);
        return (current, null);
    }
}
