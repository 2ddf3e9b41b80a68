using System.Collections.Concurrent;
using Marten;

namespace Counseling.Api.ReferenceData;

/// <summary>
/// The registered counselors, as every write's certification check reads them: held in memory for a short while,
/// because they change a few times a year and the check runs on every write (it was one more query per write).
/// A registration through this process is seen at once; one through another process within <see cref="HeldFor"/>.
/// </summary>
public sealed class CounselorRegistry(IDocumentStore store, TimeProvider clock)
{
    public static readonly TimeSpan HeldFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (Counselor? Counselor, DateTimeOffset LoadedAt)> held = new();

    public async ValueTask<Counselor?> FindAsync(string counselorId, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        if (held.TryGetValue(counselorId, out var entry) && now - entry.LoadedAt < HeldFor && now >= entry.LoadedAt)
            return entry.Counselor;

        await using var session = store.QuerySession();
        var counselor = await session.LoadAsync<Counselor>(counselorId, cancellation);
        held[counselorId] = (counselor, now);
        return counselor;
    }

    /// <summary>Called when a counselor's registration changes here.</summary>
    public void Forget(string counselorId) => held.TryRemove(counselorId, out _);
}
