using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using FluentValidation;
using JasperFx.Events;
using Microsoft.Net.Http.Headers;

namespace Counseling.Api.Cases;

/// <summary>The answer to every write on a case: the stream version it now has (also its ETag).</summary>
public sealed record CaseChanged(Guid Id, long Version);

/// <summary>
/// The steps every write to an existing case shares: check the caller may write to this case, validate the body,
/// honour If-Match, let the domain decide,
/// then append what it decided. Endpoints load the stream with an exclusive lock, so the If-Match comparison
/// and the decision see the version the append will follow: concurrent writers queue, they do not race.
/// </summary>
public static class CaseWrites
{
    public static (Decision, ProblemDetails) Decide<TRequest>(
        IValidator<TRequest> validator,
        TRequest request,
        IEventStream<CounselingCase> stream,
        HttpRequest http,
        Func<CounselingCase, Decision> decide,
        Func<Caller, CounselingCase, ProblemDetails?>? access = null)
    {
        // When a problem is returned Wolverine ends the request there, so no decision is needed with it.
        var current = stream.Aggregate!;
        var allowed = access ?? CaseAccess.ToWrite;
        if (allowed(Caller.From(http.HttpContext.User)!, current) is { } forbidden) return (null!, forbidden);

        var invalid = Problems.Validate(validator, request);
        if (!ReferenceEquals(invalid, WolverineContinue.NoProblems)) return (null!, invalid);

        if (Preconditions.IfMatchFails(http, current.Version) is { } stale) return (null!, stale);

        var decision = decide(current);
        return decision.Refusal is { } refusal
            ? (decision, Problems.From(refusal))
            : (decision, WolverineContinue.NoProblems);
    }

    public static CaseChanged Append(IEventStream<CounselingCase> stream, Decision decision, HttpResponse response)
    {
        stream.AppendMany(decision.Events);
        var version = stream.CurrentVersion ?? decision.Events.Count;
        response.Headers[HeaderNames.ETag] = Preconditions.ETagFor(version);
        return new CaseChanged(stream.Id, version);
    }
}

/// <summary>The answer to a referral: the case's new version and the referral's id, for its outcome later.</summary>
public sealed record ReferralMade(Guid Id, long Version, Guid ReferralId)
{
    public static ReferralMade From(CaseChanged changed, Guid referralId) => new(changed.Id, changed.Version, referralId);
}
