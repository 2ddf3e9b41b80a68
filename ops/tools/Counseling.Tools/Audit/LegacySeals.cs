using System.Security.Cryptography;
using System.Text;
using Counseling.Api.Audit;
using Counseling.Api.Audit.Checkpoints;
using Counseling.Api.Audit.Verification;
using JasperFx.CommandLine;
using Marten;

namespace Counseling.Tools.Audit;

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
/// would vouch for whatever was changed (so is one whose keyed seals do not verify, or whose unkeyed seals follow
/// keyed ones). Each stream is re-sealed at most once, recorded as an event with the re-sealing, and every run is
/// recorded (<see cref="MaintenanceRuns"/>). Run it once, on a database whose old seals are trusted, before the first
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
        foreach (var stream in refused) Console.WriteLine($"REFUSED stream {stream}: its seals do not verify (or it was re-sealed before); left as it is.");
        Console.WriteLine($"audit-reseal: {resealed} streams sealed again with the key; {refused.Count} refused.");
        return refused.Count == 0;
    }

    public const string Command = "audit-reseal";

    public static async Task<(int Resealed, IReadOnlyList<Guid> Refused)> ResealAsync(
        IDocumentStore store, StoredHistory history, SealKey key, CancellationToken cancellation)
    {
        HashSet<Guid> legacy;
        await using (var query = store.QuerySession())
            legacy = (await query.QueryAsync<Guid>(
                $"select distinct (data ->> 'streamId')::uuid from {Counseling.Api.Infrastructure.StoreConfiguration.Schema}.mt_doc_eventseal where data ->> 'keyId' is null",
                cancellation)).ToHashSet();
        if (legacy.Count == 0)
        {
            await MaintenanceRuns.RecordAsync(store, new MaintenanceCommandRun(Command, MaintenanceRuns.RunBy, [], [], []), cancellation);
            return (0, []);
        }

        // Only the events of streams to re-seal are held, each once.
        var streams = new Dictionary<Guid, List<StoredEvent>>();
        var keyedSince = new SealChain.KeyedSince();
        await foreach (var e in history.ReadAsync(0, null, cancellation))
        {
            keyedSince.See(e);
            if (e.IsGapFiller || !legacy.Contains(e.StreamId)) continue;
            if (!streams.TryGetValue(e.StreamId, out var events)) streams[e.StreamId] = events = [];
            events.Add(e);
        }

        var refused = new List<Guid>();
        var alreadyDone = new List<Guid>();
        var changed = new List<Guid>();
        foreach (var streamId in legacy)
        {
            var events = streams.GetValueOrDefault(streamId, []).OrderBy(e => e.Version).ToList();
            if (!SealChain.Verifies(events, key, keyedSince.Sequence)) { refused.Add(streamId); continue; }

            await using var session = store.LightweightSession();
            // Once per stream: a stream re-sealed before and holding unkeyed seals again had them put back since.
            if (await MaintenanceRuns.AlreadyRanAsync(session, Command, streamId, cancellation)) { alreadyDone.Add(streamId); continue; }
            var previous = EventSeal.Genesis;
            foreach (var e in events)
            {
                var fields = e.SealedFields;
                var dataMac = fields.DataMac(key);
                var hash = fields.HashAfter(previous, dataMac, key);
                session.Store(new EventSeal(EventSeal.IdFor(streamId, e.Version), streamId, e.Version, previous, hash, dataMac, key.Id));
                previous = hash;
            }
            MaintenanceRuns.Mark(session, Command, streamId, new StreamResealed(streamId, events.Count, key.Id));
            await session.SaveChangesAsync(cancellation);
            changed.Add(streamId);
        }
        await MaintenanceRuns.RecordAsync(store, new MaintenanceCommandRun(Command, MaintenanceRuns.RunBy, changed, refused, alreadyDone), cancellation);
        return (changed.Count, [.. refused, .. alreadyDone]);
    }
}
