using System.Text.Json.Nodes;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;

namespace Counseling.Api.Audit.Verification;

/// <summary>
/// One read-only snapshot of the store (see <see cref="AsyncProjectionCheck"/>) and the sequence up to which the
/// projection being checked had processed the events in it.
/// </summary>
public sealed record ReplaySnapshot(IQuerySession Session, NpgsqlTransaction Transaction, long ProcessedSequence)
{
    public string EventSchema => Session.DocumentStore.Options.Events.DatabaseSchemaName;

    public string TableOf<TDoc>() => Session.DocumentStore.Options.FindOrResolveDocumentType(typeof(TDoc)).TableName.QualifiedName;

    public string JsonOf(object? document) =>
        CanonicalJson.Of(document is null ? null : Session.DocumentStore.Options.Serializer().ToJson(document));

    public NpgsqlCommand Command(string sql) => new(sql, Transaction.Connection, Transaction);
}

/// <summary>Recomputes one asynchronous projection's documents from the events in memory and compares them with the stored ones.</summary>
public interface IProjectionReplay
{
    /// <returns>How many stored documents were compared.</returns>
    Task<long> CompareAsync(ReplaySnapshot snapshot, Action<Mismatch> report, CancellationToken cancellation);
}

/// <summary>
/// A single-stream projection, a page of streams at a time: each stream's events of the page in sequence order, folded
/// with the projection's own code (<paramref name="apply"/>: a stream's document after a list of its events, as the daemon
/// hands them over), then compared with the page's stored documents. Only one page is ever held.
/// <paramref name="storedVersion"/>, for a projection whose documents may reflect more of a stream than the events it
/// had processed (the caseload, which reads the inline case snapshot): the stream version a stored document's JSON
/// says it reflects; a stream whose stored document is ahead is folded up to that version (those events are in the
/// same snapshot of the store, committed before the document was), so that writes arriving meanwhile make no false mismatch.
/// </summary>
public sealed class SingleStreamReplay<TDoc>(
    Func<TDoc?, IReadOnlyList<IEvent>, TDoc?> apply, IReadOnlyCollection<Type>? eventTypes = null, Func<string, long>? storedVersion = null)
    : IProjectionReplay where TDoc : class
{
    private const int StreamsPerPage = 500;

    /// <summary>For a projection that evolves its document one event at a time (null: no document).</summary>
    public static Func<TDoc?, IReadOnlyList<IEvent>, TDoc?> EventByEvent(Func<TDoc?, Guid, IEvent, TDoc?> evolve) =>
        (document, events) => events.Aggregate(document, (current, e) => evolve(current, e.StreamId, e));

    public async Task<long> CompareAsync(ReplaySnapshot snapshot, Action<Mismatch> report, CancellationToken cancellation)
    {
        var table = snapshot.TableOf<TDoc>();
        // Every stream and every stored document (a document whose stream is gone is a mismatch too), in id order: the
        // next page is among the next ids of each, so each page reads two index ranges, never the whole of either.
        string Page(string after) => $"""
            select id from (
              (select id from {snapshot.EventSchema}.mt_streams {after} order by id limit {StreamsPerPage})
              union (select id from {table} {after} order by id limit {StreamsPerPage})) ids
            order by id limit {StreamsPerPage}
            """;
        long compared = 0;
        Guid? after = null;
        while (true)
        {
            var page = (after is { } last
                ? await snapshot.Session.QueryAsync<Guid>(Page("where id > ?"), cancellation, last, last)
                : await snapshot.Session.QueryAsync<Guid>(Page(""), cancellation)).ToArray();
            if (page.Length == 0) return compared;
            after = page[^1];

            var streams = new Dictionary<Guid, List<IEvent>>();
            var events = snapshot.Session.Events.QueryAllRawEvents()
                .Where(e => e.StreamId.IsOneOf(page) && e.Sequence <= snapshot.ProcessedSequence);
            if (eventTypes is not null) events = events.Where(e => e.EventTypesAre(eventTypes.ToArray()));
            await foreach (var e in events.OrderBy(e => e.Sequence).ToAsyncEnumerable(cancellation))
            {
                if (!streams.TryGetValue(e.StreamId, out var stream)) streams[e.StreamId] = stream = [];
                stream.Add(e);
            }
            var rebuilt = new Dictionary<Guid, TDoc>();
            foreach (var (id, stream) in streams)
                if (apply(null, stream) is { } document) rebuilt[id] = document;

            var stored = new Dictionary<Guid, string>();
            await using (var command = snapshot.Command($"select id, data::text from {table} where id = any(@ids)"))
            {
                command.Parameters.AddWithValue("ids", page);
                await using var reader = await command.ExecuteReaderAsync(cancellation);
                while (await reader.ReadAsync(cancellation)) stored[reader.GetGuid(0)] = reader.GetString(1);
            }

            if (storedVersion is not null)
                foreach (var (id, json) in stored)
                {
                    var version = storedVersion(json);
                    if (version <= (streams.TryGetValue(id, out var folded) && folded.Count > 0 ? folded[^1].Version : 0)) continue;
                    var ahead = snapshot.Session.Events.QueryAllRawEvents().Where(e => e.StreamId == id && e.Version <= version);
                    if (eventTypes is not null) ahead = ahead.Where(e => e.EventTypesAre(eventTypes.ToArray()));
                    var aheadEvents = await ahead.OrderBy(e => e.Version).ToListAsync(cancellation);
                    if (apply(null, aheadEvents) is { } document) rebuilt[id] = document;
                }

            foreach (var id in page)
                StoredDocuments.Compare(typeof(TDoc).Name, id.ToString(), snapshot.JsonOf(rebuilt.GetValueOrDefault(id)),
                    stored.GetValueOrDefault(id), report);
            compared += stored.Count;
        }
    }
}

/// <summary>
/// A multi-stream projection: its events in sequence order, a batch at a time (as the daemon reads them), grouped and
/// folded by <c>foldBatch</c> with the projection's own grouping and evolve code. Only the projection's documents are
/// held (office days, counselor months: a few thousand), then compared with the stored ones as they are read.
/// </summary>
public sealed class MultiStreamReplay<TDoc>(
    IReadOnlyCollection<Type> eventTypes, Func<IQuerySession, IReadOnlyList<IEvent>, Dictionary<string, TDoc>, Task> foldBatch)
    : IProjectionReplay where TDoc : class
{
    private const int EventsPerBatch = 2_000;

    public async Task<long> CompareAsync(ReplaySnapshot snapshot, Action<Mismatch> report, CancellationToken cancellation)
    {
        var rebuilt = new Dictionary<string, TDoc>();
        var types = eventTypes.ToArray();
        long after = 0;
        while (true)
        {
            var from = after;
            var batch = await snapshot.Session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > from && e.Sequence <= snapshot.ProcessedSequence && e.EventTypesAre(types))
                .OrderBy(e => e.Sequence)
                .Take(EventsPerBatch)
                .ToListAsync(cancellation);
            if (batch.Count == 0) break;
            after = batch[^1].Sequence;
            await foldBatch(snapshot.Session, batch, rebuilt);
        }

        long compared = 0;
        await using (var command = snapshot.Command($"select id::text, data::text from {snapshot.TableOf<TDoc>()}"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                var id = reader.GetString(0);
                StoredDocuments.Compare(typeof(TDoc).Name, id, snapshot.JsonOf(rebuilt.GetValueOrDefault(id)), reader.GetString(1), report);
                rebuilt.Remove(id);
                compared++;
            }
        }
        foreach (var (id, document) in rebuilt)
            StoredDocuments.Compare(typeof(TDoc).Name, id, snapshot.JsonOf(document), null, report);
        return compared;
    }
}

internal static class StoredDocuments
{
    /// <param name="expected">Canonical JSON of what the events make ("null": no document).</param>
    /// <param name="stored">The stored document's JSON, or null when there is none.</param>
    public static void Compare(string documentType, string id, string expected, string? stored, Action<Mismatch> report)
    {
        var actual = CanonicalJson.Of(stored);
        if (expected == actual) return;
        var detail = actual == "null" ? "is missing from the store, though the events make it"
            : expected == "null" ? "is stored, though the events do not make it"
            : $"differs from what the events make of it in: {string.Join(", ", DifferingKeys(expected, actual))}";
        report(new Mismatch(MismatchKind.ProjectionDiffers, Guid.TryParse(id, out var streamId) ? streamId : Guid.Empty,
            null, null, $"{documentType} {id} {detail}."));
    }

    private static IEnumerable<string> DifferingKeys(string expected, string actual)
    {
        if (JsonNode.Parse(expected) is not JsonObject made || JsonNode.Parse(actual) is not JsonObject stored) return ["(the whole document)"];
        return made.Select(p => p.Key).Union(stored.Select(p => p.Key))
            .Where(key => CanonicalJson.Of(made[key]?.ToJsonString()) != CanonicalJson.Of(stored[key]?.ToJsonString()))
            .Order(StringComparer.Ordinal);
    }
}
