using System.Security.Claims;
using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Api.PersonalData;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Plans;
using Counseling.Domain.Cases.Transfers;
using Marten;
using Microsoft.Net.Http.Headers;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.Reading;

public sealed record CaseView(
    Guid Id,
    long Version,
    CaseStage Stage,
    string OfficeId,
    string CounselorId,
    DateTimeOffset OpenedAt,
    WorkerDetails Worker,
    int SessionsCount,
    IReadOnlyList<SessionHeld> Sessions,
    DateTimeOffset? LastContactAt,
    DateOnly? NextFollowUpOn,
    Readiness? Readiness,
    IReadOnlyList<JobReferral> JobReferrals,
    IReadOnlyList<TrainingReferral> TrainingReferrals,
    Placement? Placement,
    DateOnly? SelfEmployedSince,
    ClosureReason? ClosedBecause,
    EmploymentPlan? EmploymentPlan,
    PendingTransfer? PendingTransfer)
{
    public static CaseView Of(CounselingCase @case, PersonalDataKey? key) => new(
        @case.Id, @case.Version, @case.Stage, @case.OfficeId, @case.CounselorId, @case.OpenedAt,
        PersonalDataProtection.Reveal(@case.Worker, key), @case.SessionsCount, @case.Sessions, @case.LastContactAt, @case.NextFollowUpOn, @case.Readiness,
        @case.JobReferrals, @case.TrainingReferrals, @case.Placement, @case.SelfEmployedSince, @case.ClosedBecause,
        @case.Plan, @case.PendingTransfer);
}

public static class GetCaseEndpoint
{
    /// <param name="asOf">Rebuild the case from its events as it stood at this moment.</param>
    /// <param name="version">Rebuild the case from its first <paramref name="version"/> events.</param>
    [WolverineGet("/cases/{id}")]
    [Authorize(Policy = AccessPolicies.CaseReaders)]
    [Tags("Cases")]
    [EndpointSummary("A case as it stands now (ETag: the version for If-Match), or as it stood at ?asOf= or ?version=")]
    public static async Task<IResult> Get(
        Guid id, DateTimeOffset? asOf, long? version, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock,
        HttpResponse response, CancellationToken cancellation)
    {
        if (version is < 1) return Results.Problem(Problems.InvalidQuery("version", "A version is 1 or more."));
        var (current, denied) = await CaseReading.OpenAsync(id, asOf is null && version is null ? "case" : "case-as-of", user, session, clock, cancellation);
        if (denied is not null) return denied;

        if (asOf is not null || version is not null)
        {
            // Live aggregation from the events, never the current snapshot.
            var past = await session.Events.AggregateStreamAsync<CounselingCase>(id, version ?? 0, asOf, token: cancellation);
            return past is null
                ? Results.Problem(Problems.CaseNotFound(id, asOf is null ? null : $"The case did not exist yet at {asOf:O}."))
                : Results.Ok(CaseView.Of(past, await session.LoadAsync<PersonalDataKey>(id, cancellation)));
        }

        response.Headers[HeaderNames.ETag] = Preconditions.ETagFor(current!.Version);
        return Results.Ok(CaseView.Of(current, await session.LoadAsync<PersonalDataKey>(id, cancellation)));
    }
}
