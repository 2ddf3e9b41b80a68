using System.Security.Cryptography;
using Counseling.Api.Audit;
using Counseling.Api.Audit.Checkpoints;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Marten;
using Npgsql;

namespace Counseling.Tools.Audit;

public enum Tampering
{
    DataChanged,
    MetadataChanged,
    MiddleEventDeleted,
    LastEventDeleted,
    StreamDeleted,
    EventInserted,
    VersionsReordered,
    /// <summary>
    /// The stream's seals replaced by ones of the old, unkeyed formula, which needs no key, hoping audit-reseal will
    /// re-seal it with the real key: plainly the data is left as it was, "recomputed" it is changed first.
    /// </summary>
    SealsDowngraded,
}

/// <param name="SealsRecomputed">The insider also rewrote the stream's seals (with a key of their own: the real one is
/// not in the database), its case snapshot, and removed what no longer fits.</param>
public sealed record Tampered(Guid CaseId, Tampering How, bool SealsRecomputed);

/// <summary>
/// What an insider with write access to the database, and nothing else, can do to the history: each way of tampering
/// applied to a case of its own, once plainly and once with the seals and snapshot rewritten to match. Used by the
/// tamper test and by <c>ops/audit/tamper-drill</c>, only ever against a throwaway database.
/// </summary>
public static class TamperDrill
{
    private const string Schema = StoreConfiguration.Schema;

    /// <summary>Cases of at least four events, to tamper with: as many as <paramref name="count"/>, in a stable order.</summary>
    public static async Task<IReadOnlyList<Guid>> CasesToTamperWithAsync(IDocumentStore store, int count, CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        return await session.QueryAsync<Guid>(
            $"select s.id from {Schema}.mt_streams s join {Schema}.mt_doc_counselingcase c on c.id = s.id where s.version >= 4 order by s.id limit ?",
            cancellation, count);
    }

    /// <summary>Each way of tampering, with and without rewritten seals, on the cases given (in that order).</summary>
    public static async Task<IReadOnlyList<Tampered>> TamperAsync(IDocumentStore store, IReadOnlyList<Guid> cases, CancellationToken cancellation)
    {
        var plan = Enum.GetValues<Tampering>().SelectMany(how => new[] { (how, false), (how, true) }).ToList();
        if (cases.Count < plan.Count) throw new ArgumentException($"The drill needs {plan.Count} cases of at least four events; {cases.Count} given.");

        var attackerKey = new SealKey(RandomNumberGenerator.GetBytes(32));
        var tampered = new List<Tampered>();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        foreach (var ((how, recompute), caseId) in plan.Zip(cases))
        {
            await ApplyAsync(connection, caseId, how, recompute, cancellation);
            if (how == Tampering.SealsDowngraded) await DowngradeSealsAsync(store, caseId, cancellation);
            else if (recompute) await RecomputeAsync(store, connection, caseId, attackerKey, cancellation);
            tampered.Add(new Tampered(caseId, how, recompute));
        }
        return tampered;
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, Guid caseId, Tampering how, bool recompute, CancellationToken cancellation)
    {
        var sql = how switch
        {
            Tampering.DataChanged =>
                $"update {Schema}.mt_events set data = data || '{{\"recordedNote\": \"diubah oleh orang dalam\"}}' where stream_id = @case and version = 2",
            Tampering.MetadataChanged =>
                $"update {Schema}.mt_events set user_name = 'c-999' where stream_id = @case and version = 2",
            Tampering.MiddleEventDeleted => recompute
                // ...and the later events renumbered, so that the versions run 1..n again.
                ? $"""
                   delete from {Schema}.mt_events where stream_id = @case and version = 2;
                   update {Schema}.mt_events set version = -version where stream_id = @case and version > 2;
                   update {Schema}.mt_events set version = -version - 1 where stream_id = @case and version < 0;
                   update {Schema}.mt_streams set version = version - 1 where id = @case;
                   """
                : $"delete from {Schema}.mt_events where stream_id = @case and version = 2",
            Tampering.LastEventDeleted => $"""
                delete from {Schema}.mt_events where stream_id = @case and version = (select version from {Schema}.mt_streams where id = @case);
                update {Schema}.mt_streams set version = version - 1 where id = @case;
                """,
            Tampering.StreamDeleted => $"""
                delete from {Schema}.mt_events where stream_id = @case;
                delete from {Schema}.mt_streams where id = @case;
                """,
            // A forged event between versions 2 and 3: the later ones moved up to make room.
            Tampering.EventInserted => $"""
                update {Schema}.mt_events set version = -version where stream_id = @case and version >= 3;
                update {Schema}.mt_events set version = -version + 1 where stream_id = @case and version < 0;
                insert into {Schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type,
                                                correlation_id, causation_id, headers, user_name, is_archived)
                select nextval('{Schema}.mt_events_sequence'), gen_random_uuid(), stream_id, 3, data, type, timestamp, tenant_id,
                       mt_dotnet_type, correlation_id, causation_id, headers, user_name, is_archived
                from {Schema}.mt_events where stream_id = @case and version = 2;
                update {Schema}.mt_streams set version = version + 1 where id = @case;
                """,
            Tampering.SealsDowngraded => recompute
                ? $"update {Schema}.mt_events set data = data || '{{\"recordedNote\": \"diubah oleh orang dalam\"}}' where stream_id = @case and version = 2"
                : "select 1",
            Tampering.VersionsReordered => $"""
                update {Schema}.mt_events set version = -1 where stream_id = @case and version = 2;
                update {Schema}.mt_events set version = 2 where stream_id = @case and version = 3;
                update {Schema}.mt_events set version = 3 where stream_id = @case and version = -1;
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("case", caseId);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Every seal of the stream written again the old, unkeyed way (LegacySeals), over what the stream now holds.</summary>
    private static async Task DowngradeSealsAsync(IDocumentStore store, Guid caseId, CancellationToken cancellation)
    {
        var events = new List<StoredEvent>();
        await foreach (var e in new StoredHistory(store).ReadAsync(0, null, cancellation))
            if (e.StreamId == caseId) events.Add(e);
        await using var session = store.LightweightSession();
        var previous = EventSeal.Genesis;
        foreach (var e in events.OrderBy(e => e.Version))
        {
            var hash = LegacySeals.HashAfter(e.SealedFields, previous);
            session.Store(new EventSeal(EventSeal.IdFor(caseId, e.Version), caseId, e.Version, previous, hash));
            previous = hash;
        }
        await session.SaveChangesAsync(cancellation);
    }

    /// <summary>
    /// The insider's best effort to cover up: every seal of the stream written again over what the stream now holds
    /// (naming the service's key id, which the database shows, but made with a key of their own), seals of events no
    /// longer there removed, and the case snapshot rebuilt from the tampered events (or removed with its stream).
    /// </summary>
    private static async Task RecomputeAsync(IDocumentStore store, NpgsqlConnection connection, Guid caseId, SealKey attackerKey, CancellationToken cancellation)
    {
        string? realKeyId;
        await using (var keyId = new NpgsqlCommand($"select data ->> 'keyId' from {Schema}.mt_doc_eventseal where data ->> 'keyId' is not null limit 1", connection))
            realKeyId = (string?)await keyId.ExecuteScalarAsync(cancellation);

        var events = new List<StoredEvent>();
        await foreach (var e in new StoredHistory(store).ReadAsync(0, null, cancellation))
            if (e.StreamId == caseId) events.Add(e);

        await using (var delete = new NpgsqlCommand($"delete from {Schema}.mt_doc_eventseal where data ->> 'streamId' = @case", connection))
        {
            delete.Parameters.AddWithValue("case", caseId.ToString());
            await delete.ExecuteNonQueryAsync(cancellation);
        }

        await using var session = store.LightweightSession();
        var previous = EventSeal.Genesis;
        foreach (var e in events.OrderBy(e => e.Version))
        {
            var fields = e.SealedFields;
            var dataMac = fields.DataMac(attackerKey);
            var hash = fields.HashAfter(previous, dataMac, attackerKey);
            session.Store(new EventSeal(EventSeal.IdFor(caseId, e.Version), caseId, e.Version, previous, hash, dataMac, realKeyId));
            previous = hash;
        }

        CounselingCase? snapshot = null;
        try { snapshot = await session.Events.AggregateStreamAsync<CounselingCase>(caseId, token: cancellation); }
        catch (Exception) { /* events the domain cannot replay any more: the insider removes the snapshot */ }
        if (snapshot is null || events.Count == 0) session.Delete<CounselingCase>(caseId);
        else session.Store(snapshot);
        await session.SaveChangesAsync(cancellation);
    }
}
