using System.Security.Claims;

namespace Counseling.Api.Access;

/// <summary>
/// What a validly signed token must also say before the service acts on it: one user (<c>sub</c>) in exactly one role
/// it knows, at one office at most. A token with two roles would otherwise pass every policy naming either of them
/// while the code acted on one; a token without <c>sub</c> has nobody to record as the actor or to scope an
/// Idempotency-Key to. Such a token is refused as authentication (401), like an expired one, rather than half-trusted.
/// </summary>
public static class TokenRules
{
    public static readonly string KnownRoles = string.Join(", ", Enum.GetValues<Role>().Select(Caller.RoleName));

    /// <summary>Why the token's claims do not name one caller in one known role; null when they do.</summary>
    public static string? RefusalFor(ClaimsPrincipal user)
    {
        if (string.IsNullOrWhiteSpace(user.FindFirst(Caller.UserIdClaim)?.Value))
            return "The token has no 'sub' claim: it must name the user it speaks for.";

        var offices = user.FindAll(Caller.OfficeClaim).Select(c => c.Value).ToArray();
        if (offices.Length > 1)
            return $"The token names {offices.Length} offices ({string.Join(", ", offices)}): a caller works at one office.";

        var roles = user.FindAll(Caller.RoleClaim).Select(c => c.Value).ToArray();
        return roles switch
        {
            [] => $"The token has no 'role' claim: it must carry exactly one of {KnownRoles}.",
            [var role] when Caller.Parse(role) is null => $"The token's role '{role}' is not one this service knows ({KnownRoles}).",
            [_] => null,
            _ => $"The token carries {roles.Length} roles ({string.Join(", ", roles)}): the service acts for one role at a time, " +
                 "so ask for a token with exactly one.",
        };
    }
}
