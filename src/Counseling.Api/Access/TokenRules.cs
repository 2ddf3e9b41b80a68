using Counseling.Api.Localization;
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
            return Texts.Get("Token.NoSub");

        var offices = user.FindAll(Caller.OfficeClaim).Select(c => c.Value).ToArray();
        if (offices.Length > 1)
            return Texts.Format("Token.ManyOffices", offices.Length, string.Join(", ", offices));

        var roles = user.FindAll(Caller.RoleClaim).Select(c => c.Value).ToArray();
        return roles switch
        {
            [] => Texts.Format("Token.NoRole", KnownRoles),
            [var role] when Caller.Parse(role) is null => Texts.Format("Token.UnknownRole", role, KnownRoles),
            [_] => null,
            _ => Texts.Format("Token.ManyRoles", roles.Length, string.Join(", ", roles)),
        };
    }
}
