using Counseling.Api.PersonalData;
using Counseling.Domain.Cases;
using Marten;

namespace Counseling.Api.Cases.Search;

/// <summary>Every case of a worker, found through the blind index of their NIK; an erased case is no longer found.</summary>
public static class ReturningWorkers
{
    public static async Task<IReadOnlyList<CounselingCase>> CasesOfAsync(
        IQuerySession session, NikBlindIndex index, string nik, CancellationToken cancellation)
    {
        var hash = index.Of(nik);
        var caseIds = await session.Query<NikIndexEntry>().Where(e => e.NikHash == hash).Select(e => e.Id).ToListAsync(cancellation);
        if (caseIds.Count == 0) return [];
        // The snapshots are written with the events (inline), so an intake just committed is seen here.
        return [.. (await session.LoadManyAsync<CounselingCase>(cancellation, caseIds)).OrderBy(c => c.OpenedAt)];
    }
}
