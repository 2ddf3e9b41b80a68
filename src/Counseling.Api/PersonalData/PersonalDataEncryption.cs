using Counseling.Api.Cases;
using Counseling.Domain.Cases;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Counseling.Api.PersonalData;

/// <summary>
/// The one place where personal data is encrypted: the first inline projection, so it runs when any session (an
/// endpoint, the demo or volume seeding) saves, before the case snapshot and the seals are projected from the events
/// and before the events are written. (A session listener's BeforeSaveChangesAsync runs too late: the snapshot was
/// already projected from the plain events.) On an intake it creates the case's
/// data key (stored wrapped by the master key) and the worker's blind-index entry; on every event that carries
/// personal fields (<see cref="SensitiveFields"/>) it encrypts them with the case's key, so the events, the inline
/// snapshot and the projections built from them only ever hold ciphertext. On an erasure it deletes the key and the
/// blind-index entry in the same transaction. A case without a key (erased) stores "[erased]" for new personal text.
/// </summary>
public sealed class PersonalDataEncryption(PersonalDataKeyRing ring, NikBlindIndex blindIndex, TimeProvider clock) : IProjection
{
    public async Task ApplyAsync(IDocumentOperations session, IReadOnlyList<IEvent> events, CancellationToken token)
    {
        // Only events this session is appending: a rebuild (`projections rebuild` replays every inline projection too)
        // reads stored events, which are as they were stored and must be left so.
        if (AppendedBy(session) is not { } appending) return;
        var streams = events
            .Where(e => appending.Contains(e) && (SensitiveFields.AreIn(e.Data) || e.Data is WorkerPersonalDataErased))
            .GroupBy(e => e.StreamId)
            .Select(g => (Id: g.Key, Events: g.OrderBy(e => e.Version).ToList()))
            .ToList();
        if (streams.Count == 0) return;

        var keys = new Dictionary<Guid, CaseKey?>();
        foreach (var stream in streams)
        {
            if (stream.Events.Select(e => e.Data).OfType<CaseOpened>().FirstOrDefault() is not { } opened) continue;
            if (PersonalDataProtection.IsProtected(opened.Worker.Nik)) continue; // already protected (a copy of stored events)
            var key = CaseKey.NewFor(stream.Id);
            session.Store(ring.Wrap(key, clock.GetUtcNow()));
            session.Store(new NikIndexEntry(stream.Id, blindIndex.Of(opened.Worker.Nik)));
            keys[stream.Id] = key;
        }

        // A step on a case has its key read already, with the case's last seal (WritePrefetch).
        if (WritePrefetch.Of(session) is { } prefetch)
            foreach (var id in streams.Select(s => s.Id).Where(id => !keys.ContainsKey(id)))
                if (prefetch.TryGetKey(id, out var prefetched)) keys[id] = prefetched is null ? null : ring.Unwrap(prefetched);

        var stored = streams.Select(s => s.Id).Where(id => !keys.ContainsKey(id)).ToArray();
        if (stored.Length > 0)
        {
            var found = await PersonalDataKeys.ForCasesToWriteAsync(session, ring, stored, token);
            foreach (var id in stored) keys[id] = found.GetValueOrDefault(id);
        }

        foreach (var stream in streams)
            foreach (var e in stream.Events)
            {
                if (e.Data is WorkerPersonalDataErased)
                {
                    session.Delete<PersonalDataKey>(stream.Id);
                    session.Delete<NikIndexEntry>(stream.Id);
                    keys[stream.Id] = null;
                }
                else if (SensitiveFields.AreIn(e.Data))
                {
                    var replaced = keys[stream.Id] is { } key
                        ? SensitiveFields.Protect(e.Data, key)
                        : SensitiveFields.Map(e.Data, value => value.Length == 0 || PersonalDataProtection.IsProtected(value) ? value : PersonalDataProtection.Erased);
                    // The event keeps its id, metadata and place in the stream; only its body becomes the protected one
                    // (Event<T>.Data has a setter, IEvent.Data does not).
                    e.GetType().GetProperty(nameof(IEvent.Data))!.SetValue(e, replaced);
                }
            }
    }

    private static HashSet<object>? AppendedBy(IDocumentOperations session)
    {
        if (session is not IDocumentSession appending) return null;
        try
        {
            return appending.PendingChanges.Streams().SelectMany(s => s.Events).ToHashSet<object>(ReferenceEqualityComparer.Instance);
        }
        catch (NotSupportedException)
        {
            // The session a rebuild projects with has no pending changes to tell (Marten's type for it is internal).
            return null;
        }
    }
}
