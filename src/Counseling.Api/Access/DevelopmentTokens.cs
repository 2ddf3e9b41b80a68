using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Counseling.Api.Access;

/// <summary>Tokens for local use, signed with the development key that only the Development environment trusts.</summary>
public sealed class DevelopmentTokens(IConfiguration configuration, IHostEnvironment environment)
{
    public const string Issuer = "counseling-development";
    public const string Audience = "counseling-api";

    public static SymmetricSecurityKey? KeyFrom(IConfiguration configuration) =>
        configuration["Authentication:DevelopmentSigningKey"] is { Length: > 0 } key
            ? new SymmetricSecurityKey(Convert.FromBase64String(key))
            : null;

    public string Issue(string userId, Role role, string? officeId, TimeSpan? lifetime = null)
    {
        if (!environment.IsDevelopment() || KeyFrom(configuration) is not { } key)
            throw new InvalidOperationException("Development tokens exist only in the Development environment.");

        var claims = new List<Claim> { new(Caller.UserIdClaim, userId), new(Caller.RoleClaim, Caller.RoleName(role)) };
        if (officeId is not null) claims.Add(new Claim(Caller.OfficeClaim, officeId));
        // The wall clock, not the application's TimeProvider: token validation reads the wall clock too.
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(12)),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
