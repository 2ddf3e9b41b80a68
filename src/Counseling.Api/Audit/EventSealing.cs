using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Counseling.Api.Audit;

/// <summary>
/// Seals events, chaining each seal to the previous event of the same stream, keyed with the <see cref="SealKey"/>: the
/// last step of <see cref="Cases.CaseWritePipeline"/>, in the transaction that appends them. On its own (an inline
/// projection, or called by a maintenance command) it reads the chain heads it continues itself.
/// </summary>
public sealed class EventSealing(SealKey key) : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var heads = HeadsToRead(events).ToArray();
        var found = heads.Length == 0 ? [] : await operations.LoadManyAsync<EventSeal>(cancellation, heads);
        Seal(operations, events, found);
    }

    /// <summary>The seals <paramref name="events"/> chain to: of each stream's event before the first of them.</summary>
    public static IEnumerable<string> HeadsToRead(IReadOnlyList<IEvent> events) => events
        .GroupBy(e => e.StreamId)
        .Select(g => g.MinBy(e => e.Version)!)
        .Where(e => e.Version > 1)
        .Select(e => EventSeal.IdFor(e.StreamId, e.Version - 1));

    /// <summary>Seals <paramref name="events"/> (their data as it will be stored), continuing the chains of <paramref name="heads"/>.</summary>
    public void Seal(IDocumentOperations operations, IReadOnlyList<IEvent> events, IEnumerable<EventSeal> heads)
    {
        var serializer = operations.DocumentStore.Options.Serializer();
        var chains = heads.ToDictionary(seal => seal.StreamId, seal => seal.Hash);
        foreach (var @event in events.OrderBy(e => e.StreamId).ThenBy(e => e.Version))
        {
            // A quick append to a stream whose version the session does not know numbers its events in the database,
            // after this runs: the seal would name the wrong version. Every writer starts its stream or fetches it first.
            if (@event.Version < 1)
                throw new InvalidOperationException(
                    $"An event of stream {@event.StreamId} is appended without a known version: start the stream, or append with its expected version.");
            var previous = @event.Version == 1 ? EventSeal.Genesis : chains.GetValueOrDefault(@event.StreamId, EventSeal.Genesis);
            var fields = new SealedFields(
                @event.StreamId,
                @event.Version,
                @event.EventTypeName,
                @event.Timestamp,
                CanonicalJson.Of(serializer.ToJson(@event.Data)),
                @event.UserName,
                @event.CorrelationId,
                @event.CausationId,
                CanonicalJson.OfHeaders(@event.Headers is { Count: > 0 } headers ? serializer.ToJson(headers) : null));
            var dataMac = fields.DataMac(key);
            var hash = fields.HashAfter(previous, dataMac, key);
            operations.Store(new EventSeal(EventSeal.IdFor(@event.StreamId, @event.Version), @event.StreamId, @event.Version,
                previous, hash, dataMac, key.Id));
            chains[@event.StreamId] = hash;
        }
    }
}
