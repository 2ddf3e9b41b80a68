using System.Collections.Concurrent;
using Marten;

namespace Counseling.Api.ReferenceData;

/// <summary>
/// Registered people (counselors, supervisors) as every request's access check reads them: held in memory for a short
/// while, because they change a few times a year and the check runs on every request (it was one more query per
/// write). A registration through this process is seen at once; one through another process within <see cref="HeldFor"/>.
/// </summary>
public abstract class HeldRegistrations<T>(IDocumentStore store, TimeProvider clock) where T : class
{
    public static readonly TimeSpan HeldFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (T? Registered, DateTimeOffset LoadedAt)> held = new();

    public async ValueTask<T?> FindAsync(string id, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        if (held.TryGetValue(id, out var entry) && now - entry.LoadedAt < HeldFor && now >= entry.LoadedAt)
            return entry.Registered;

        await using var session = store.QuerySession();
        var registered = await session.LoadAsync<T>(id, cancellation);
        held[id] = (registered, now);
        return registered;
    }

    /// <summary>Called when a registration changes here.</summary>
    public void Forget(string id) => held.TryRemove(id, out _);
}

public sealed class CounselorRegistry(IDocumentStore store, TimeProvider clock) : HeldRegistrations<Counselor>(store, clock);

public sealed class SupervisorRegistry(IDocumentStore store, TimeProvider clock) : HeldRegistrations<Supervisor>(store, clock);
