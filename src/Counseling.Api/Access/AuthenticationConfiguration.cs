using Counseling.Api.ReferenceData;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Counseling.Api.Access;

/// <summary>
/// JWT bearer tokens. In production they come from the OpenID Connect provider named by Authentication:Authority
/// (with Authentication:Audience). Only the Development environment also trusts tokens signed with the
/// development key (Authentication:DevelopmentSigningKey, in appsettings.Development.json), which `ops/token` uses.
/// </summary>
public static class AuthenticationConfiguration
{
    public static void AddCounselingAccess(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Authentication");
        var developmentKey = builder.Environment.IsDevelopment() ? DevelopmentTokens.KeyFrom(builder.Configuration) : null;
        var authority = settings["Authority"];
        if (developmentKey is null && string.IsNullOrWhiteSpace(authority))
            throw new InvalidOperationException(
                "Authentication:Authority is not set: outside Development the service needs an OpenID Connect provider.");

        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                // Claims keep their JWT names (sub, role, office) instead of being renamed to WS-* URIs.
                options.MapInboundClaims = false;
                options.Audience = settings["Audience"] ?? DevelopmentTokens.Audience;
                if (!string.IsNullOrWhiteSpace(authority)) options.Authority = authority;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    NameClaimType = Caller.UserIdClaim,
                    RoleClaimType = Caller.RoleClaim,
                    ValidAudience = settings["Audience"] ?? DevelopmentTokens.Audience,
                    ValidateIssuer = developmentKey is null,
                    ValidIssuer = authority,
                    IssuerSigningKey = developmentKey,
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Counselors, p => p.RequireRole(Caller.RoleName(Role.Counselor)))
            .AddPolicy(AccessPolicies.Reassigners, p => p.RequireRole(Caller.RoleName(Role.Supervisor)))
            .AddPolicy(AccessPolicies.Supervisors, p => p.RequireRole(Caller.RoleName(Role.Supervisor)))
            .AddPolicy(AccessPolicies.CaseReaders, p => p.RequireRole(
                Caller.RoleName(Role.Counselor), Caller.RoleName(Role.Supervisor), Caller.RoleName(Role.Auditor)))
            .AddPolicy(AccessPolicies.Supervision, p => p.RequireRole(Caller.RoleName(Role.Supervisor), Caller.RoleName(Role.Auditor)))
            .AddPolicy(AccessPolicies.Auditors, p => p.RequireRole(Caller.RoleName(Role.Auditor)))
            .AddPolicy(AccessPolicies.Administrators, p => p.RequireRole(Caller.RoleName(Role.Admin)))
            .AddPolicy(AccessPolicies.ErasureOfficers, p => p.RequireRole(Caller.RoleName(Role.Admin), Caller.RoleName(Role.Supervisor)));
        builder.Services.AddSingleton<DevelopmentTokens>();
        builder.Services.AddSingleton<CounselorRegistry>();
    }
}
