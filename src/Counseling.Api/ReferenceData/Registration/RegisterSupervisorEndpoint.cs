using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.ReferenceData.Registration;

/// <summary>The supervisor: name and the office they oversee.</summary>

public sealed record RegisterSupervisorRequest(string? FullName, string? OfficeId);

public sealed class RegisterSupervisorValidator : AbstractValidator<RegisterSupervisorRequest>
{
    public RegisterSupervisorValidator()
    {
        RuleFor(r => r.FullName).RequiredText(200);
        RuleFor(r => r.OfficeId).Identifier();
    }
}

/// <summary>
/// Administrators register supervisors at the office they oversee, or move them. A supervisor's token is honoured only
/// for the office registered here (see RegisteredCaller).
/// </summary>
public static class RegisterSupervisorEndpoint
{
    private static readonly RegisterSupervisorValidator Validator = new();

    public static Task<ProblemDetails> ValidateAsync(
        string id, RegisterSupervisorRequest request, IDocumentSession session, CancellationToken cancellation) =>
        RegistrationChecks.ValidateAsync("supervisor", id, Validator, request, request.OfficeId, session, cancellation);

    [WolverinePut("/supervisors/{id}")]
    [Authorize(Policy = AccessPolicies.Administrators)]
    [Tags("Reference data")]
    [EndpointSummary("Register a supervisor at the office they oversee, or move them to another office; each change is recorded as an event")]
    public static async Task<Supervisor> Put(
        string id, RegisterSupervisorRequest request, IDocumentSession session, SupervisorRegistry registry, CancellationToken cancellation)
    {
        var supervisor = new Supervisor(id, request.FullName!, request.OfficeId!);
        await OfficialStreams.RegisterAsync(session, await session.LoadAsync<Supervisor>(id, cancellation), supervisor, cancellation);
        RegistryRefresh.ForgetAfterCommit(session, registry, id);
        return supervisor;
    }
}
