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

public sealed class AdministratorRegistry(IDocumentStore store, TimeProvider clock) : HeldRegistrations<Administrator>(store, clock);

public sealed class AuditorRegistry(IDocumentStore store, TimeProvider clock) : HeldRegistrations<Auditor>(store, clock);

/// <summary>
/// A registration changed in a session is forgotten by the process's registry only once the session has committed:
/// forgotten before, a request in between would load the registration still on record and hold it for
/// <see cref="HeldRegistrations{T}.HeldFor"/> (a de-registered person acting on for half a minute).
/// </summary>
public static class RegistryRefresh
{
    public static void ForgetAfterCommit<T>(IDocumentSession session, HeldRegistrations<T> registry, string id) where T : class =>
        session.Listeners.Add(new ForgetOnCommit(() => registry.Forget(id)));

    private sealed class ForgetOnCommit(Action forget) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, Marten.Services.IChangeSet commit, CancellationToken token)
        {
            forget();
            return Task.CompletedTask;
        }
    }
}
