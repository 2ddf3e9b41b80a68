using Counseling.Domain.Cases;
using JasperFx.Events;
using Marten;

namespace Counseling.Api.PersonalData;

/// <summary>
/// The one place where personal data is encrypted, as the second step of <see cref="Cases.CaseWritePipeline"/> (which runs
/// when any session saves: an endpoint, the demo or volume seeding), before the case snapshot is projected and before the
/// events are written. On an intake it creates the case's data key (stored wrapped by the master key) and the worker's
/// blind-index entry; on every event that carries personal fields (<see cref="SensitiveFields"/>) it encrypts them with
/// the case's key, so the events, the inline snapshot and the projections built from them only ever hold ciphertext.
/// On an erasure it deletes the key and the blind-index entry in the same transaction. A case without a key (erased)
/// stores "[erased]" for new personal text.
/// </summary>
public sealed class PersonalDataEncryption(PersonalDataKeyRing ring, NikBlindIndex blindIndex, TimeProvider clock)
{
    /// <summary>This session's appended events that carry personal fields or erase them, by case, in stream order.</summary>
    public static IReadOnlyList<(Guid Id, IReadOnlyList<IEvent> Events)> ToProtect(IDocumentOperations session, IReadOnlyList<IEvent> events)
    {
        // Only events this session is appending: a rebuild (`projections rebuild` replays every inline projection too)
        // reads stored events, which are as they were stored and must be left so.
        if (AppendedBy(session) is not { } appending) return [];
        return events
            .Where(e => appending.Contains(e) && (SensitiveFields.AreIn(e.Data) || e.Data is WorkerPersonalDataErased))
            .GroupBy(e => e.StreamId)
            .Select(g => (g.Key, (IReadOnlyList<IEvent>)[.. g.OrderBy(e => e.Version)]))
            .ToList();
    }

    /// <summary>The cases whose stored data key protecting <paramref name="streams"/> needs: all but those opened by these very events.</summary>
    public static IEnumerable<Guid> KeysToRead(IReadOnlyList<(Guid Id, IReadOnlyList<IEvent> Events)> streams) =>
        streams.Where(s => !s.Events.Any(e => e.Data is CaseOpened)).Select(s => s.Id);

    /// <summary>Encrypts <paramref name="streams"/> with their cases' keys (<paramref name="storedKeys"/>, as read; a new one for an intake).</summary>
    public void Protect(IDocumentOperations session, IReadOnlyList<(Guid Id, IReadOnlyList<IEvent> Events)> streams,
        IReadOnlyDictionary<Guid, PersonalDataKey> storedKeys)
    {
        var keys = new Dictionary<Guid, CaseKey?>();
        foreach (var stream in streams)
        {
            if (stream.Events.Select(e => e.Data).OfType<CaseOpened>().FirstOrDefault() is { } opened)
            {
                if (PersonalDataProtection.IsProtected(opened.Worker.Nik)) continue; // already protected (a copy of stored events)
                var key = CaseKey.NewFor(stream.Id);
                session.Store(ring.Wrap(key, clock.GetUtcNow()));
                session.Store(new NikIndexEntry(stream.Id, blindIndex.Of(opened.Worker.Nik)));
                keys[stream.Id] = key;
            }
            else keys[stream.Id] = storedKeys.TryGetValue(stream.Id, out var stored) ? ring.Unwrap(stored) : null;
        }

        foreach (var stream in streams.Where(s => keys.ContainsKey(s.Id)))
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
