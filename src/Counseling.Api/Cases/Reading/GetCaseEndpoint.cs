using Counseling.Api.Localization;
using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Api.PersonalData;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.Plans;
using Counseling.Domain.Cases.Transfers;
using Marten;
using Microsoft.Net.Http.Headers;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.Reading;

/// <summary>A case as it stands (or stood): stage, counselor, worker, contacts, referrals, placement and closure.</summary>
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
    IReadOnlyList<JobSearchActivity> JobSearchActivities,
    BenefitSchedule? Benefit,
    EmploymentPlan? EmploymentPlan,
    PendingTransfer? PendingTransfer)
{
    /// <param name="today">The day the benefit months' statuses are told for: today, or the day of ?asOf=.</param>
    /// <param name="records">The case's sessions and job-search evidence as its events record them (the case keeps neither).</param>
    public static CaseView Of(CounselingCase @case, CaseRecords records, CaseKey? key, DateOnly today) => new(
        @case.Id, @case.Version, @case.Stage, @case.OfficeId, @case.CounselorId, @case.OpenedAt,
        PersonalDataProtection.Reveal(@case.Worker, key), @case.SessionsCount, records.Sessions, @case.LastContactAt, @case.NextFollowUpOn, @case.Readiness,
        @case.JobReferrals, @case.TrainingReferrals, @case.Placement, @case.SelfEmployedSince, @case.ClosedBecause,
        records.JobSearchActivities, JkpBenefit.For(@case, today)?.WithEntitlement(@case), Revealed(@case.Plan, key), @case.PendingTransfer);

    /// <summary>The plan as its reader reads it: each action's text decrypted, or "[erased]".</summary>
    private static EmploymentPlan? Revealed(EmploymentPlan? plan, CaseKey? key) => plan is null ? null : plan with
    {
        Actions = [.. plan.Actions.Select(a => a with { What = PersonalDataProtection.Reveal(a.What, key) })],
    };
}

public static class GetCaseEndpoint
{
    /// <param name="asOf">Rebuild the case from its events as it stood at this moment.</param>
    /// <param name="version">Rebuild the case from its first <paramref name="version"/> events.</param>
    [WolverineGet("/cases/{id}")]
    [ProducesResponseType<CaseView>(StatusCodes.Status200OK, "application/json")]
    [Authorize(Policy = AccessPolicies.CaseReaders)]
    [Tags("Cases")]
    [EndpointSummary("A case as it stands now (ETag: the version for If-Match), or as it stood at ?asOf= or ?version=")]
    public static async Task<IResult> Get(
        Guid id, DateTimeOffset? asOf, long? version, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock,
        PersonalDataKeyRing keys, HttpResponse response, CancellationToken cancellation)
    {
        if (version is < 1) return Results.Problem(Problems.InvalidQuery("version", Texts.Get("Query.VersionAtLeastOne")));
        var (current, denied) = await CaseReading.OpenAsync(id, asOf is null && version is null ? "case" : "case-as-of", user, session, clock, cancellation);
        if (denied is not null) return denied;

        if (asOf is not null || version is not null)
        {
            // Live aggregation from the events, never the current snapshot.
            var past = await session.Events.AggregateStreamAsync<CounselingCase>(id, version ?? 0, asOf, token: cancellation);
            return past is null
                ? Results.Problem(Problems.CaseNotFound(id, asOf is null ? null : Texts.Format("Problem.CaseNotYet", asOf)))
                : Results.Ok(CaseView.Of(past, await CaseRecords.ReadAsync(session, id, cancellation, version ?? 0, asOf),
                    await PersonalDataKeys.ForCaseAsync(session, keys, id, cancellation), Wib.DateOf(asOf ?? clock.GetUtcNow())));
        }

        response.Headers[HeaderNames.ETag] = Preconditions.ETagFor(current!.Version);
        return Results.Ok(CaseView.Of(current, await CaseRecords.ReadAsync(session, id, cancellation),
            await PersonalDataKeys.ForCaseAsync(session, keys, id, cancellation), Wib.DateOf(clock.GetUtcNow())));
    }
}
