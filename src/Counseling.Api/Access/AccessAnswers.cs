using Counseling.Api.Localization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;

namespace Counseling.Api.Access;

/// <summary>
/// A role policy's 403 says what was missing: the roles that may call the endpoint, or the registration, office or
/// certificate the caller lacks. ASP.NET's default answers a bare "Forbidden".
/// </summary>
public sealed class ForbiddenAnswers : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!result.Forbidden || result.AuthorizationFailure is not { } failure)
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }

        var caller = Caller.From(context.User);
        var roles = failure.FailedRequirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct().ToArray();
        var reasons = failure.FailureReasons.Select(r => r.Message).Distinct().ToList();
        if (roles.Length > 0)
            reasons.Insert(0, Texts.Format("Access.NeedsRole",
                string.Join(Texts.Get("Access.Or"), roles), caller is null ? Texts.Get("Access.NoRole") : Caller.RoleName(caller.Role)));

        var problem = CaseAccess.Problem(reasons.Count > 0 ? string.Join(" ", reasons) : Texts.Get("Access.NotGranted"));
        if (roles.Length > 0) problem.Extensions["requiredRoles"] = roles;
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(problem).ExecuteAsync(context);
    }
}

/// <summary>
/// A 401 says why the token was not accepted (none sent, expired, for another audience, badly signed, or not naming
/// one user in one known role), as problem details and in the WWW-Authenticate header (RFC 6750).
/// </summary>
public static class UnauthorizedAnswers
{
    public static async Task ChallengeAsync(JwtBearerChallengeContext challenge)
    {
        challenge.HandleResponse();
        var detail = Explain(challenge.AuthenticateFailure);
        var response = challenge.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers[HeaderNames.WWWAuthenticate] = challenge.AuthenticateFailure is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{detail.Replace("\"", "'")}\"";
        await Results.Problem(new ProblemDetails
        {
            Type = "https://jkp-counseling.example/problems/unauthenticated",
            Title = Texts.Get("Status.401"),
            Status = StatusCodes.Status401Unauthorized,
            Detail = detail,
        }).ExecuteAsync(challenge.HttpContext);
    }

    private static string Explain(Exception? failure) => failure switch
    {
        null => Texts.Get("Token.Missing"),
        SecurityTokenExpiredException expired => Texts.Format("Token.Expired", expired.Expires),
        SecurityTokenNotYetValidException early => Texts.Format("Token.NotYetValid", early.NotBefore),
        SecurityTokenInvalidAudienceException => Texts.Get("Token.WrongAudience"),
        SecurityTokenInvalidIssuerException => Texts.Get("Token.UntrustedIssuer"),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            Texts.Get("Token.BadSignature"),
        RefusedToken refused => refused.Message,
        SecurityTokenException => Texts.Get("Token.Invalid"),
        _ => Texts.Get("Token.Unreadable"),
    };
}

/// <summary>A validly signed token whose claims break <see cref="TokenRules"/>.</summary>
public sealed class RefusedToken(string reason) : SecurityTokenException(reason);
