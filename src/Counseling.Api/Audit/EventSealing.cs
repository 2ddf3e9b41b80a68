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
        var heads = firstOfStream.Count == 0
            ? new Dictionary<Guid, string>()
            : (await operations.LoadManyAsync<EventSeal>(cancellation,
                firstOfStream.Select(e => EventSeal.IdFor(e.StreamId, e.Version - 1)).ToArray()))
                .ToDictionary(s => s.StreamId, s => s.Hash);

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
