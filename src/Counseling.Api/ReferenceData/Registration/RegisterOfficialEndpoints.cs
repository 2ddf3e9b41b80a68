using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using Counseling.Api.Localization;
using Counseling.Domain.Cases;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.ReferenceData.Registration;

/// <summary>An administrator to register: the name on record.</summary>
public sealed record RegisterAdministratorRequest(string? FullName);

public sealed class RegisterAdministratorValidator : AbstractValidator<RegisterAdministratorRequest>
{
    public RegisterAdministratorValidator() => RuleFor(r => r.FullName).RequiredText(200);
}

/// <summary>An auditor to register: the name on record.</summary>
public sealed record RegisterAuditorRequest(string? FullName);

public sealed class RegisterAuditorValidator : AbstractValidator<RegisterAuditorRequest>
{
    public RegisterAuditorValidator() => RuleFor(r => r.FullName).RequiredText(200);
}

/// <summary>Whose registration to withdraw (their role and user id), and why: a person who left the role.</summary>
public sealed record DeregisterRequest(Role? Role, string? UserId, string? Reason);

public sealed class DeregistrationValidator : AbstractValidator<DeregisterRequest>
{
    public DeregistrationValidator()
    {
        RuleFor(r => r.Role).NotNull();
        RuleFor(r => r.UserId).Identifier();
        RuleFor(r => r.Reason).RequiredText(500);
    }
}

/// <summary>The id in the path becomes the id tokens name: the same rule as every id.</summary>
internal static class OfficialIds
{
    public static ProblemDetails? BadId(string id) =>
        ValidationRules.IsIdentifier(id) ? null : Problems.InvalidQuery("id", Texts.Get("Query.PathId.official"));
}

/// <summary>
/// Administrators register administrators. The strongest roles rest on this registry like counselors and supervisors
/// do (RegisteredCaller): a token of an unregistered or de-registered administrator is refused with 403. Every change
/// is an event on the person's registration stream. (One class per endpoint: Wolverine applies a class's Validate to
/// each endpoint of the class.)
/// </summary>
public static class RegisterAdministratorEndpoint
{
    private static readonly RegisterAdministratorValidator Rules = new();

    public static ProblemDetails Validate(string id, RegisterAdministratorRequest request) => OfficialIds.BadId(id) ?? Problems.Validate(Rules, request);

    [WolverinePut("/administrators/{id}")]
    [Authorize(Policy = AccessPolicies.Administrators)]
    [Tags("Reference data")]
    [EndpointSummary("Register an administrator, or correct the name on record; each change is recorded as an event")]
    public static async Task<Administrator> Put(
        string id, RegisterAdministratorRequest request, IDocumentSession session, AdministratorRegistry registry, CancellationToken cancellation)
    {
        var administrator = new Administrator(id, request.FullName!);
        await OfficialStreams.RegisterAsync(session, await session.LoadAsync<Administrator>(id, cancellation), administrator, cancellation);
        RegistryRefresh.ForgetAfterCommit(session, registry, id);
        return administrator;
    }
}

/// <summary>Administrators register auditors; an unregistered or de-registered auditor's token is refused with 403.</summary>
public static class RegisterAuditorEndpoint
{
    private static readonly RegisterAuditorValidator Rules = new();

    public static ProblemDetails Validate(string id, RegisterAuditorRequest request) => OfficialIds.BadId(id) ?? Problems.Validate(Rules, request);

    [WolverinePut("/auditors/{id}")]
    [Authorize(Policy = AccessPolicies.Administrators)]
    [Tags("Reference data")]
    [EndpointSummary("Register an auditor, or correct the name on record; each change is recorded as an event")]
    public static async Task<Auditor> Put(
        string id, RegisterAuditorRequest request, IDocumentSession session, AuditorRegistry registry, CancellationToken cancellation)
    {
        var auditor = new Auditor(id, request.FullName!);
        await OfficialStreams.RegisterAsync(session, await session.LoadAsync<Auditor>(id, cancellation), auditor, cancellation);
        RegistryRefresh.ForgetAfterCommit(session, registry, id);
        return auditor;
    }
}

/// <summary>
/// Withdraws a registration: the person's tokens are refused from then on. An administrator does not withdraw their own
/// (another one does, so that an account cannot erase its own trace of authority), and a counselor is withdrawn only
/// once their open cases are reassigned (as for a move to another office).
/// </summary>
public static class DeregistrationEndpoint
{
    private static readonly DeregistrationValidator Validator = new();

    public static async Task<ProblemDetails> ValidateAsync(
        DeregisterRequest request, HttpContext http, IDocumentSession session, CancellationToken cancellation)
    {
        var invalid = Problems.Validate(Validator, request);
        if (!ReferenceEquals(invalid, WolverineContinue.NoProblems)) return invalid;
        var caller = Caller.From(http.User)!;
        var role = Caller.RoleName(request.Role!.Value);
        if (request.Role == Role.Admin && request.UserId == caller.UserId)
            return AccessProblem(Texts.Format("Access.DeregisterSelf", caller.UserId));
        var registered = request.Role switch
        {
            Role.Counselor => await session.LoadAsync<Counselor>(request.UserId!, cancellation) is not null,
            Role.Supervisor => await session.LoadAsync<Supervisor>(request.UserId!, cancellation) is not null,
            Role.Admin => await session.LoadAsync<Administrator>(request.UserId!, cancellation) is not null,
            _ => await session.LoadAsync<Auditor>(request.UserId!, cancellation) is not null,
        };
        if (!registered)
            return Problems.InvalidQuery("userId", Texts.Format($"Access.NotRegistered.{role}", request.UserId));
        if (request.Role == Role.Counselor)
        {
            var open = await session.Query<CounselingCase>()
                .Where(c => c.CounselorId == request.UserId && c.ClosedBecause == null).CountAsync(cancellation);
            if (open > 0)
                return new ProblemDetails
                {
                    Type = "https://jkp-counseling.example/problems/conflict",
                    Title = Texts.Get("Problem.OpenCasesAtOffice"),
                    Status = StatusCodes.Status409Conflict,
                    Detail = Texts.Format("Problem.OpenCasesOnDeregistration", request.UserId, open),
                    Extensions = { ["field"] = "userId", ["openCases"] = open },
                };
        }
        return WolverineContinue.NoProblems;
    }

    /// <summary>The registration withdrawn: the role and user id whose tokens are refused from now on.</summary>
    public sealed record Deregistered(string Role, string UserId);

    [WolverinePost("/deregistrations"), Idempotent]
    [Authorize(Policy = AccessPolicies.Administrators)]
    [Tags("Reference data")]
    [EndpointSummary("Withdraw a counselor's, supervisor's, administrator's or auditor's registration; recorded as an event, their tokens are refused from then on")]
    public static async Task<Deregistered> Post(
        DeregisterRequest request, IDocumentSession session, CounselorRegistry counselors, SupervisorRegistry supervisors,
        AdministratorRegistry administrators, AuditorRegistry auditors, CancellationToken cancellation)
    {
        var (role, id, reason) = (Caller.RoleName(request.Role!.Value), request.UserId!, request.Reason!);
        switch (request.Role)
        {
            case Role.Counselor:
                await OfficialStreams.DeregisterAsync<Counselor>(session, role, id, reason, cancellation);
                RegistryRefresh.ForgetAfterCommit(session, counselors, id);
                break;
            case Role.Supervisor:
                await OfficialStreams.DeregisterAsync<Supervisor>(session, role, id, reason, cancellation);
                RegistryRefresh.ForgetAfterCommit(session, supervisors, id);
                break;
            case Role.Admin:
                await OfficialStreams.DeregisterAsync<Administrator>(session, role, id, reason, cancellation);
                RegistryRefresh.ForgetAfterCommit(session, administrators, id);
                break;
            default:
                await OfficialStreams.DeregisterAsync<Auditor>(session, role, id, reason, cancellation);
                RegistryRefresh.ForgetAfterCommit(session, auditors, id);
                break;
        }
        return new Deregistered(role, id);
    }

    private static ProblemDetails AccessProblem(string detail) => CaseAccess.Problem(detail);
}
