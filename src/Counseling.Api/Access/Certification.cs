using System.Security.Claims;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using Counseling.Domain.Counselors;
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
    public static string? RefusalFor(Counselor? counselor, string userId, string? officeId, DateOnly today) =>
        CounselorOnRecord.MayNotRecordBecause(counselor?.ToRecord(), userId, officeId, today);

    /// <summary>The registration as the domain's rules read it.</summary>
    public static CounselorOnRecord ToRecord(this Counselor counselor) => new(
        counselor.Id, counselor.OfficeId,
        counselor.Certificate is { } c ? new CertificateOnRecord(c.Number, c.IssuedOn, c.ExpiresOn) : null);
}
