using System.Collections.Frozen;
using System.Security.Claims;

namespace Counseling.Api.Access;

/// <summary>A caller's role, as tokens name it: counselor, supervisor, auditor or admin.</summary>
public enum Role
{
    Counselor,
    Supervisor,
    Auditor,
    Admin,
}

/// <summary>Who is calling, as their token says: a user id, one role, and the office they work at.</summary>
public sealed record Caller(string UserId, Role Role, string? OfficeId)
{
    public const string UserIdClaim = "sub";
    public const string RoleClaim = "role";
    public const string OfficeClaim = "office";

    /// <summary>
    /// The caller of an authenticated request. Authentication already refused every token that does not name one user
    /// in exactly one known role (see <see cref="TokenRules"/>), so this is null only for an anonymous request.
    /// </summary>
    public static Caller? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        return TokenRules.RefusalFor(user) is null
            ? new Caller(user.FindFirst(UserIdClaim)!.Value, Parse(user.FindFirst(RoleClaim)!.Value)!.Value, user.FindFirst(OfficeClaim)?.Value)
            : null;
    }

    /// <summary>The role a token's claim names, spelled exactly as <see cref="RoleName"/> spells it; null for any other text.</summary>
    public static Role? Parse(string? role) => role is not null && Roles.TryGetValue(role, out var parsed) ? parsed : null;

    private static readonly FrozenDictionary<string, Role> Roles =
        Enum.GetValues<Role>().ToFrozenDictionary(RoleName, StringComparer.Ordinal);

    public static string RoleName(Role role) => role.ToString().ToLowerInvariant();
}
