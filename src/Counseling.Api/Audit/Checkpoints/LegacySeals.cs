using System.Security.Cryptography;
using System.Text;
using Counseling.Api.Audit.Verification;
using JasperFx.CommandLine;
using Marten;

namespace Counseling.Api.Audit.Checkpoints;

/// <summary>
/// Seals written before seals were keyed: a plain SHA-256 over the previous seal and the event's fields. Anyone with the
/// database could have computed one, so verify reports them (<see cref="MismatchKind.SealNotKeyed"/>) until they are
/// re-sealed with the key, once, by <see cref="AuditResealCommand"/>.
/// </summary>
public static class LegacySeals
{
    public static string HashAfter(SealedFields f, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            previousHash, f.StreamId.ToString(), f.Version.ToString(), f.EventType, SealedFields.TimestampText(f.Timestamp),
            f.CanonicalData, f.UserName ?? "", f.CorrelationId ?? "", f.CausationId ?? "", f.CanonicalHeaders))));
}

/// <summary>
/// The upgrade to keyed seals: every stream that still holds an unkeyed seal is checked in full first (each unkeyed seal
/// against the old SHA-256 formula, each keyed one against the key, every link of the chain) and only a stream that
/// passes is sealed again, all of it, with the key. A stream that fails keeps its seals and is listed: re-sealing it
/// would vouch for whatever was changed. Run it once, on a database whose old seals are trusted, before the first
/// checkpoint.
/// </summary>
[Description("Re-seal with the seal key every stream still sealed the old, unkeyed way, after checking it in full", Name = "audit-reseal")]
public sealed class AuditResealCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var (resealed, refused) = await ResealAsync(host.Services.GetRequiredService<IDocumentStore>(),
            host.Services.GetRequiredService<StoredHistory>(), host.Services.GetRequiredService<SealKey>(), CancellationToken.None);
        foreach (var stream in refused) Console.WriteLine($"REFUSED stream {stream}: its old seals do not verify; left as it is.");
        Console.WriteLine($"audit-reseal: {resealed} streams sealed again with the key; {refused.Count} refused.");
        return refused.Count == 0;
    }

    public static async Task<(int Resealed, IReadOnlyList<Guid> Refused)> ResealAsync(
        IDocumentStore store, StoredHistory history, SealKey key, CancellationToken cancellation)
    {
        HashSet<Guid> legacy;
        await using (var query = store.QuerySession())
            legacy = (await query.QueryAsync<Guid>(
                $"select distinct (data ->> 'streamId')::uuid from {Infrastructure.StoreConfiguration.Schema}.mt_doc_eventseal where data ->> 'keyId' is null",
                cancellation)).ToHashSet();
        if (legacy.Count == 0) return (0, []);

        // Only the events of streams to re-seal are held, each once.
        var streams = new Dictionary<Guid, List<StoredEvent>>();
        await foreach (var e in history.ReadAsync(0, null, cancellation))
        {
            if (e.IsGapFiller || !legacy.Contains(e.StreamId)) continue;
            if (!streams.TryGetValue(e.StreamId, out var events)) streams[e.StreamId] = events = [];
            events.Add(e);
        }

        var refused = new List<Guid>();
        var resealed = 0;
        foreach (var streamId in legacy)
        {
            var events = streams.GetValueOrDefault(streamId, []).OrderBy(e => e.Version).ToList();
            if (!Verifies(events, key)) { refused.Add(streamId); continue; }

            await using var session = store.LightweightSession();
            var previous = EventSeal.Genesis;
            foreach (var e in events)
            {
                var fields = e.SealedFields;
                var dataMac = fields.DataMac(key);
                var hash = fields.HashAfter(previous, dataMac, key);
                session.Store(new EventSeal(EventSeal.IdFor(streamId, e.Version), streamId, e.Version, previous, hash, dataMac, key.Id));
                previous = hash;
            }
            await session.SaveChangesAsync(cancellation);
            resealed++;
        }
        return (resealed, refused);
    }

    private static bool Verifies(IReadOnlyList<StoredEvent> events, SealKey key)
    {
        var previous = EventSeal.Genesis;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Version != i + 1 || e.Seal is not { } seal || seal.PreviousHash != previous) return false;
            var fields = e.SealedFields;
            var valid = seal.KeyId is null
                ? LegacySeals.HashAfter(fields, previous) == seal.Hash
                : seal.KeyId == key.Id && seal.DataMac == fields.DataMac(key) && fields.HashAfter(previous, seal.DataMac, key) == seal.Hash;
            if (!valid) return false;
            previous = seal.Hash;
        }
        return true;
    }
}
