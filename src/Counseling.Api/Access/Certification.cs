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
        return Refusal(counselor, caller, today) is { } reason ? CaseAccess.Problem(reason) : WolverineContinue.NoProblems;
    }

    private static string? Refusal(Counselor? counselor, Caller caller, DateOnly today) => counselor switch
    {
        null => $"{caller.UserId} is not registered as a counselor.",
        { OfficeId: var office } when office != caller.OfficeId => $"{caller.UserId} is registered at office {office}, not {caller.OfficeId}.",
        { Certificate: null } => $"{caller.UserId} has no counselor certificate on record.",
        { Certificate: { } c } when c.IssuedOn > today => $"Certificate {c.Number} is valid only from {c.IssuedOn:yyyy-MM-dd}.",
        { Certificate: { } c } when c.ExpiresOn < today =>
            $"Certificate {c.Number} expired on {c.ExpiresOn:yyyy-MM-dd}: only a certified counselor may record sessions and outcomes.",
        _ => null,
    };
}
