using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Marten;
using Microsoft.Net.Http.Headers;
using Wolverine.Http;

namespace Counseling.Api.Cases.Reading;

public sealed record CaseView(
    Guid Id,
    long Version,
    CaseStage Stage,
    string OfficeId,
    string CounselorId,
    DateTimeOffset OpenedAt,
    int SessionsCount,
    DateTimeOffset? LastContactAt,
    DateOnly? NextFollowUpOn,
    Readiness? Readiness,
    IReadOnlyList<JobReferral> JobReferrals,
    IReadOnlyList<TrainingReferral> TrainingReferrals,
    Placement? Placement,
    DateOnly? SelfEmployedSince,
    ClosureReason? ClosedBecause)
{
    public static CaseView Of(CounselingCase @case) => new(
        @case.Id, @case.Version, @case.Stage, @case.OfficeId, @case.CounselorId, @case.OpenedAt,
        @case.SessionsCount, @case.LastContactAt, @case.NextFollowUpOn, @case.Readiness,
        @case.JobReferrals, @case.TrainingReferrals, @case.Placement, @case.SelfEmployedSince, @case.ClosedBecause);
}

public static class GetCaseEndpoint
{
    [WolverineGet("/cases/{id}")]
    [Tags("Cases")]
    [EndpointSummary("A case as it stands now; its ETag is the version to send back in If-Match")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpResponse response, CancellationToken cancellation)
    {
        var current = await session.LoadAsync<CounselingCase>(id, cancellation);
        if (current is null) return Results.Problem(Problems.CaseNotFound(id));

        response.Headers[HeaderNames.ETag] = Preconditions.ETagFor(current.Version);
        return Results.Ok(CaseView.Of(current));
    }
}
