using Counseling.Api.ReferenceData;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
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
                options.Events = new JwtBearerEvents
                {
                    // A validly signed token must still name one user in one known role (TokenRules), or it is a 401.
                    OnTokenValidated = validated =>
                    {
                        if (TokenRules.RefusalFor(validated.Principal!) is { } refusal) validated.Fail(new RefusedToken(refusal));
                        return Task.CompletedTask;
                    },
                    OnChallenge = UnauthorizedAnswers.ChallengeAsync,
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Counselors, Policy(certified: true, Role.Counselor))
            .AddPolicy(AccessPolicies.Reassigners, Policy(certified: false, Role.Supervisor))
            .AddPolicy(AccessPolicies.Supervisors, Policy(certified: false, Role.Supervisor))
            .AddPolicy(AccessPolicies.CaseReaders, Policy(certified: false, Role.Counselor, Role.Supervisor, Role.Auditor))
            .AddPolicy(AccessPolicies.Supervision, Policy(certified: false, Role.Supervisor, Role.Auditor))
            .AddPolicy(AccessPolicies.Auditors, Policy(certified: false, Role.Auditor))
            .AddPolicy(AccessPolicies.Administrators, Policy(certified: false, Role.Admin))
            .AddPolicy(AccessPolicies.Reporting, Policy(certified: false, Role.Supervisor, Role.Auditor, Role.Admin))
            .AddPolicy(AccessPolicies.ErasureOfficers, Policy(certified: false, Role.Admin, Role.Supervisor));
        builder.Services.AddSingleton<IAuthorizationHandler, RegisteredCallerCheck>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ForbiddenAnswers>();
        builder.Services.AddSingleton<SupervisorRegistry>();
        builder.Services.AddSingleton<AdministratorRegistry>();
        builder.Services.AddSingleton<AuditorRegistry>();
        builder.Services.AddSingleton<DevelopmentTokens>();
        builder.Services.AddSingleton<CounselorRegistry>();
    }

    /// <summary>The roles that may call, each caller confirmed by the registry (and certified, for recording on cases).</summary>
    private static Action<AuthorizationPolicyBuilder> Policy(bool certified, params Role[] roles) => policy => policy
        .RequireRole(roles.Select(Caller.RoleName))
        .AddRequirements(new RegisteredCaller(certified));
}
