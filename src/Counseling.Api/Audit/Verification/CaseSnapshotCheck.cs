using Counseling.Domain.Cases;
using Marten;

namespace Counseling.Api.Audit.Verification;

/// <summary>Every case snapshot equals the live aggregation of its stream, and every stream has its snapshot.</summary>
public sealed class CaseSnapshotCheck : IProjectionCheck
{
    public string ProjectionName => nameof(CounselingCase);

    public async Task<long> CheckAsync(IQuerySession session, Action<Mismatch> report, CancellationToken cancellation)
    {
        var serializer = session.DocumentStore.Options.Serializer();
        var streamIds = await session.QueryAsync<Guid>("select id from counseling.mt_streams order by id", cancellation);
        long compared = 0;
        foreach (var streamId in streamIds)
        {
            var rebuilt = await session.Events.AggregateStreamAsync<CounselingCase>(streamId, token: cancellation);
            var stored = await session.LoadAsync<CounselingCase>(streamId, cancellation);
            compared++;
            var expected = CanonicalJson.Of(rebuilt is null ? null : serializer.ToJson(rebuilt));
            var actual = CanonicalJson.Of(stored is null ? null : serializer.ToJson(stored));
            if (expected != actual)
                report(new Mismatch(MismatchKind.ProjectionDiffers, streamId, null, stored?.Version,
                    $"The {ProjectionName} snapshot differs from its events (stored version {stored?.Version}, events make version {rebuilt?.Version})."));
        }
        return compared;
    }
}
