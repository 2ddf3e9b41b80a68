using System.Collections.Concurrent;
using System.Reflection;
using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using Counseling.Api.PersonalData;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using Counseling.Domain.Counselors;
using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.Net.Http.Headers;
using Wolverine.Marten;

namespace Counseling.Api.Cases;

/// <summary>
/// The body of a step on an existing case. Its validator (an <see cref="AbstractValidator{T}"/> of the request type
/// beside it) runs first; then it becomes the domain's command. A slice declares only what is its own: the request,
/// its validation, the command it maps to, and the endpoint's route.
/// </summary>
public interface ICaseStepRequest
{
    /// <summary>The domain command this request asks for, once it has passed validation.</summary>
    ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context);

    /// <summary>Who may take this step on this case: by default its counselor, or a supervisor of its office.</summary>
    ProblemDetails? Authorize(Caller caller, CounselingCase current) => CaseAccess.ToWrite(caller, current);
}

/// <summary>What a request needs beyond its body to become a command: a new id, route values, registrations.</summary>
public sealed class CaseStepContext(HttpContext http, IDocumentSession session, CounselorRegistry counselors, TimeProvider clock)
{
    /// <summary>Who is taking the step (the endpoint's role policy and the step's access check have let them in).</summary>
    public Caller Caller { get; } = Caller.From(http.User)!;

    /// <summary>An id for what the step creates (a session, a referral, ...), ordered by time.</summary>
    public Guid NewId() => Guid.CreateVersion7(clock.GetUtcNow());

    /// <summary>A Guid from the route (e.g. "referralId"); <see cref="Guid.Empty"/>, which names nothing, when it does not parse.</summary>
    public Guid RouteId(string name) =>
        Guid.TryParse(http.Request.RouteValues[name]?.ToString(), out var id) ? id : Guid.Empty;

    public async ValueTask<CounselorOnRecord?> CounselorAsync(string counselorId) =>
        (await counselors.FindAsync(counselorId, http.RequestAborted))?.ToRecord();

    /// <summary>The case's sessions as its events record them (the case keeps only their count).</summary>
    public async Task<IReadOnlyList<SessionHeld>> SessionsAsync() =>
        (await Reading.CaseRecords.ReadAsync(session, RouteId("id"), http.RequestAborted)).Sessions;

    public async ValueTask<bool> OfficeExistsAsync(string officeId) =>
        await session.LoadAsync<Office>(officeId, http.RequestAborted) is not null;
}

/// <summary>The answer to every step on a case: the stream version it now has (also its ETag).</summary>
public sealed record CaseChanged(Guid Id, long Version);

/// <summary>
/// The steps every write to an existing case shares, as Wolverine middleware on every endpoint whose body is an
/// <see cref="ICaseStepRequest"/>: the caller may write to this case, the body is valid, If-Match names the current
/// version, and the domain accepts the command. Endpoints load the stream with an exclusive lock
/// (<see cref="WriteCaseAttribute"/>), so the If-Match comparison and the decision see the version the append will
/// follow: concurrent writers queue, they do not race.
/// </summary>
public static class CaseStepMiddleware
{
    public static async Task<(Decision, ProblemDetails)> BeforeAsync(
        ICaseStepRequest request, IEventStream<CounselingCase> stream, HttpContext http, IDocumentSession session,
        CounselorRegistry counselors, TimeProvider clock)
    {
        // When a problem is returned Wolverine ends the request there, so no decision is needed with it.
        if (stream.Aggregate is not { } current) return (null!, Problems.CaseNotFound(stream.Id));
        if (request.Authorize(Caller.From(http.User)!, current) is { } forbidden) return (null!, forbidden);

        var validation = RequestValidators.Validate(request);
        if (!validation.IsValid) return (null!, Problems.InvalidInput(validation.Errors));

        if (Preconditions.IfMatchFails(http.Request, current.Version) is { } stale) return (null!, stale);

        var command = await request.ToCommandAsync(new CaseStepContext(http, session, counselors, clock));
        var decision = current.Decide(command, clock.GetUtcNow());
        // Saving the decision's events protects their personal data and seals them (CaseWritePipeline).
        return decision.Refusal is { } refusal ? (decision, Problems.From(refusal)) : (decision, WolverineContinue.NoProblems);
    }

    /// <summary>The events an endpoint returns for Wolverine to append, and the answer naming the version they make.</summary>
    public static (CaseChanged, Events) Accepted(IEventStream<CounselingCase> stream, Decision decision, HttpResponse response)
    {
        var version = stream.Aggregate!.Version + decision.Events.Count;
        response.Headers[HeaderNames.ETag] = Preconditions.ETagFor(version);
        return (new CaseChanged(stream.Id, version), [.. decision.Events]);
    }
}

/// <summary>Every request validator of the service, found once by the request type it validates.</summary>
public static class RequestValidators
{
    private static readonly ConcurrentDictionary<Type, IValidator?> ByRequestType = new();

    public static FluentValidation.Results.ValidationResult Validate(object request) =>
        For(request.GetType()) is { } validator
            ? validator.Validate(new ValidationContext<object>(request))
            : new FluentValidation.Results.ValidationResult();

    public static IValidator? For(Type requestType) => ByRequestType.GetOrAdd(requestType, static type =>
        typeof(RequestValidators).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator<>).MakeGenericType(type).IsAssignableFrom(t))
            .Select(t => (IValidator)Activator.CreateInstance(t)!)
            .SingleOrDefault());
}
