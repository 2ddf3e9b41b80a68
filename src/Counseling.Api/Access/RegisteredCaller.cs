using Counseling.Api.Localization;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using Microsoft.AspNetCore.Authorization;

namespace Counseling.Api.Access;

/// <summary>
/// Part of every role policy: a counselor or supervisor is who the registry says, at the office the registry says,
/// and an administrator or auditor is registered as one,
/// not merely who their token claims to be. The token's <c>office</c> claim grants nothing the registration does not
/// confirm. <paramref name="Certified"/>: the endpoint records on cases, so a counselor's certificate must also be
/// valid today. Checked by ASP.NET's authorization, before the endpoint runs and so before an Idempotency-Key's stored
/// answer can be replayed.
/// </summary>
public sealed record RegisteredCaller(bool Certified) : IAuthorizationRequirement;

// Not named "...Handler": Wolverine would take a public HandleAsync on such a class for a message handler.
public sealed class RegisteredCallerCheck(
    CounselorRegistry counselors, SupervisorRegistry supervisors, AdministratorRegistry administrators, AuditorRegistry auditors, TimeProvider clock)
    : AuthorizationHandler<RegisteredCaller>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RegisteredCaller requirement)
    {
        if (Caller.From(context.User) is not { } caller) return;
        var cancellation = (context.Resource as HttpContext)?.RequestAborted ?? CancellationToken.None;

        var refusal = caller.Role switch
        {
            Role.Counselor when requirement.Certified => Certification.RefusalFor(
                await counselors.FindAsync(caller.UserId, cancellation), caller.UserId, caller.OfficeId, Wib.DateOf(clock.GetUtcNow())) is { } uncertified
                ? Texts.Say(uncertified)
                : null,
            Role.Counselor => OfficeRegistration.RefusalFor(
                await counselors.FindAsync(caller.UserId, cancellation) is { } c ? c.OfficeId : null, "counselor", caller),
            Role.Supervisor => OfficeRegistration.RefusalFor(
                await supervisors.FindAsync(caller.UserId, cancellation) is { } s ? s.OfficeId : null, "supervisor", caller),
            // The strongest roles (admins register everyone and approve erasures; auditors read every case) rest on the
            // registry too, not on the token alone: they have no office, so being registered is the whole check.
            Role.Admin => await administrators.FindAsync(caller.UserId, cancellation) is null
                ? Texts.Format("Access.NotRegistered.admin", caller.UserId) : null,
            Role.Auditor => await auditors.FindAsync(caller.UserId, cancellation) is null
                ? Texts.Format("Access.NotRegistered.auditor", caller.UserId) : null,
            _ => null,
        };
        if (refusal is null) context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this, refusal));
    }
}

public static class OfficeRegistration
{
    /// <summary>Why a caller registered at <paramref name="registeredOffice"/> (null: not registered) may not act; null when they may.</summary>
    public static string? RefusalFor(string? registeredOffice, string kind, Caller caller) => registeredOffice switch
    {
        null => Texts.Format($"Access.NotRegistered.{kind}", caller.UserId),
        _ when registeredOffice != caller.OfficeId =>
            Texts.Format("Access.RegisteredElsewhere", caller.UserId, registeredOffice, caller.OfficeId ?? Texts.Get("Access.NoOfficeInToken")),
        _ => null,
    };
}
