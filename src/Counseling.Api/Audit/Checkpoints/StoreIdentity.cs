using Marten;

namespace Counseling.Api.Audit.Checkpoints;

/// <summary>
/// The id of this store (database), generated once, the first time a checkpoint is issued, and kept in it. Checkpoints
/// and their archive files name it, so that a checkpoint issued for one database is never taken for another's: after a
/// restore or on a staging copy the archive of the same sequence belongs to another store. (An insider could change
/// the row, but a checkpoint's store id is signed: checkpoints already issued then no longer match this store.)
/// </summary>
public sealed record StoreIdentity(string Id, Guid StoreId, DateTimeOffset CreatedAt)
{
    public const string TheStore = "this-store";
}

public sealed class StoreIdentities(IDocumentStore store, TimeProvider clock)
{
    private Guid? known;

    public async Task<Guid> IdAsync(CancellationToken cancellation)
    {
        if (known is { } id) return id;
        await using (var query = store.QuerySession())
            if (await query.LoadAsync<StoreIdentity>(StoreIdentity.TheStore, cancellation) is { } stored)
                return (known = stored.StoreId).Value;
        try
        {
            await using var session = store.LightweightSession();
            // Insert, not store: a process creating it at the same moment fails here instead of replacing the other's.
            session.Insert(new StoreIdentity(StoreIdentity.TheStore, Guid.NewGuid(), clock.GetUtcNow()));
            await session.SaveChangesAsync(cancellation);
        }
        catch (Exception) when (!cancellation.IsCancellationRequested)
        {
            // Another process created it first: read theirs below.
        }
        await using var again = store.QuerySession();
        return (known = (await again.LoadAsync<StoreIdentity>(StoreIdentity.TheStore, cancellation))!.StoreId).Value;
    }
}

/// <summary>
/// When the last checkpoint was issued, kept in the database: the schedule counts the next one from it, so a restart
/// (or a crash loop) does not push the next checkpoint an interval further each time.
/// </summary>
public sealed record LastCheckpoint(string Id, long Sequence, DateTimeOffset IssuedAt)
{
    public const string TheLast = "last";
}
