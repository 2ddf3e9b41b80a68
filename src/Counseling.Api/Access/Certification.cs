using System.Security.Claims;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.Access;

/// <summary>
/// Only a registered counselor whose certificate is valid today may record anything on a case. Wolverine middleware
/// on every endpoint that serves counselors; it answers 403 with the reason before the endpoint runs.
/// </summary>
public static class Certification
{
    public static bool AppliesTo(HttpChain chain) =>
        chain.Method.Method.GetCustomAttributes(typeof(AuthorizeAttribute), true)
            .OfType<AuthorizeAttribute>()
            .Any(a => a.Policy == AccessPolicies.Counselors);

    public static async Task<ProblemDetails> BeforeAsync(
        ClaimsPrincipal user, CounselorRegistry counselors, TimeProvider clock, CancellationToken cancellation)
    {
        if (Caller.From(user) is not { Role: Role.Counselor } caller) return WolverineContinue.NoProblems;

        var counselor = await counselors.FindAsync(caller.UserId, cancellation);
        var today = Wib.DateOf(clock.GetUtcNow());
        return RefusalFor(counselor, caller.UserId, caller.OfficeId, today) is { } reason
            ? CaseAccess.Problem(reason)
            : WolverineContinue.NoProblems;
    }

    /// <summary>Why <paramref name="userId"/>, working at <paramref name="officeId"/>, may not record on a case today; null when they may.</summary>
    public static string? RefusalFor(Counselor? counselor, string userId, string? officeId, DateOnly today) => counselor switch
    {
        null => $"{userId} is not registered as a counselor.",
        { OfficeId: var office } when office != officeId => $"{userId} is registered at office {office}, not {officeId}.",
        { Certificate: null } => $"{userId} has no counselor certificate on record.",
        { Certificate: { } c } when c.IssuedOn > today => $"Certificate {c.Number} is valid only from {c.IssuedOn:yyyy-MM-dd}.",
        { Certificate: { } c } when c.ExpiresOn < today =>
            $"Certificate {c.Number} expired on {c.ExpiresOn:yyyy-MM-dd}: only a certified counselor may record sessions and outcomes.",
        _ => null,
    };
}
