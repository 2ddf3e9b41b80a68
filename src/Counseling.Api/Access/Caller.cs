using System.Security.Claims;

namespace Counseling.Api.Access;

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

    public static Caller? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var id = user.FindFirst(UserIdClaim)?.Value;
        var role = user.FindFirst(RoleClaim)?.Value;
        if (id is null || !Enum.TryParse<Role>(role, ignoreCase: true, out var parsed)) return null;
        return new Caller(id, parsed, user.FindFirst(OfficeClaim)?.Value);
    }

    public static string RoleName(Role role) => role.ToString().ToLowerInvariant();
}
