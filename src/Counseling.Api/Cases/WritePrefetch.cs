using System.Runtime.CompilerServices;
using Counseling.Api.Audit;
using Counseling.Api.PersonalData;
using Marten;

namespace Counseling.Api.Cases;

/// <summary>
/// What saving a step on a case reads besides the case itself, fetched in one round trip once the stream is locked
/// and the decision is known: the stream's last seal (the new events' seals chain to it) and, when the step carries
/// personal or free-text fields, the case's data key (they are encrypted with it). Without it the two inline
/// projections that seal (<see cref="EventSealing"/>) and encrypt (<see cref="PersonalDataEncryption"/>) read each
/// on its own while the session saves: two round trips instead of one. Both look here first and read the database
/// for anything not prefetched, so a session without a prefetch (the demo, the volume seeder) saves as before.
/// </summary>
public sealed class WritePrefetch
{
    // Keyed by the session object itself: the projections are handed that session, and the entry goes with it.
    private static readonly ConditionalWeakTable<IDocumentOperations, WritePrefetch> BySession = new();

    private readonly Dictionary<string, EventSeal> _seals = new();
    private readonly Dictionary<Guid, PersonalDataKey?> _keys = new();

    /// <summary>
    /// Reads the seal of the case's event <paramref name="version"/> (its last, under the write's lock) and, if
    /// <paramref name="withDataKey"/>, the case's data key, in one batch, and keeps them for this session's save.
    /// </summary>
    public static async Task LoadAsync(IDocumentSession session, Guid caseId, long version, bool withDataKey, CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var sealLoad = version > 0 ? batch.Load<EventSeal>(EventSeal.IdFor(caseId, version)) : null;
        var keyLoad = withDataKey ? batch.Load<PersonalDataKey>(caseId) : null;
        if (sealLoad is null && keyLoad is null) return;
        await batch.Execute(cancellation);

        var prefetch = BySession.GetValue(session, _ => new WritePrefetch());
        if (sealLoad is not null && await sealLoad is { } seal) prefetch._seals[seal.Id] = seal;
        // An erased case has no key: "none" is an answer too, kept so that nobody asks again.
        if (keyLoad is not null) prefetch._keys[caseId] = await keyLoad;
    }

    public static WritePrefetch? Of(IDocumentOperations session) => BySession.TryGetValue(session, out var prefetch) ? prefetch : null;

    public bool TryGetSeal(string sealId, out EventSeal seal) => _seals.TryGetValue(sealId, out seal!);

    public bool TryGetKey(Guid caseId, out PersonalDataKey? key) => _keys.TryGetValue(caseId, out key);
}
