using Counseling.Api.Cases;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Counseling.Api.Audit;

/// <summary>
/// Seals every event in the transaction that appends it (an inline projection), chaining each seal to the
/// previous event of the same stream, keyed with the <see cref="SealKey"/>. One query per transaction loads the
/// chain heads it continues.
/// </summary>
public sealed class EventSealing(SealKey key) : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var serializer = operations.DocumentStore.Options.Serializer();
        var firstOfStream = events
            .GroupBy(e => e.StreamId)
            .Select(g => g.MinBy(e => e.Version)!)
            .Where(e => e.Version > 1)
            .ToList();
        // The chain heads a step on a case continues were read with its data key (WritePrefetch); the rest here.
        var heads = new Dictionary<Guid, string>();
        var prefetch = WritePrefetch.Of(operations);
        foreach (var first in firstOfStream)
            if (prefetch is not null && prefetch.TryGetSeal(EventSeal.IdFor(first.StreamId, first.Version - 1), out var seal))
                heads[first.StreamId] = seal.Hash;
        var unread = firstOfStream.Where(e => !heads.ContainsKey(e.StreamId)).Select(e => EventSeal.IdFor(e.StreamId, e.Version - 1)).ToArray();
        if (unread.Length > 0)
            foreach (var seal in await operations.LoadManyAsync<EventSeal>(cancellation, unread))
                heads[seal.StreamId] = seal.Hash;

        foreach (var @event in events.OrderBy(e => e.StreamId).ThenBy(e => e.Version))
        {
            // A quick append to a stream whose version the session does not know numbers its events in the database,
            // after this runs: the seal would name the wrong version. Every writer starts its stream or fetches it first.
            if (@event.Version < 1)
                throw new InvalidOperationException(
                    $"An event of stream {@event.StreamId} is appended without a known version: start the stream, or append with its expected version.");
            var previous = @event.Version == 1 ? EventSeal.Genesis : heads.GetValueOrDefault(@event.StreamId, EventSeal.Genesis);
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
            heads[@event.StreamId] = hash;
        }
    }
}
