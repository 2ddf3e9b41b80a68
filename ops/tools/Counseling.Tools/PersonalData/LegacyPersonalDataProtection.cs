using Counseling.Api.Audit;
using Counseling.Api.Audit.Checkpoints;
using Counseling.Api.Caseloads;
using Counseling.Api.PersonalData;
using Counseling.Tools.Audit;
using Counseling.Domain.Cases;
using JasperFx.CommandLine;
using JasperFx.Events;
using Marten;
using Marten.Events;

namespace Counseling.Tools.PersonalData;

/// <summary>
/// A one-off, for a database written before every personal field was encrypted (until then only NIK and phone were):
/// encrypts what those events still hold in clear (name, birth date, BPJS number, claim reference, notes and reasons)
/// with each case's key, or replaces it by "[erased]" where the key was already destroyed, and writes the case's
/// snapshot, caseload entry, blind-index entry and seals to match. Reads never need it (a value stored in clear reads
/// as stored, or "[erased]" without a key); it exists so that a dump holds no such value any more. It is the one
/// place where stored events are rewritten: their seals are recomputed from the first event, so run it once, at the
/// upgrade, before anyone relies on seals issued earlier. Running it again changes nothing.
/// </summary>
public sealed class LegacyPersonalDataProtection(IDocumentStore store, PersonalDataKeyRing ring, NikBlindIndex index, SealKey sealKey, StoredHistory history)
{
    public const string Command = "protect-legacy";

    private static readonly Type[] SensitiveEventTypes =
    [
        typeof(CaseOpened), typeof(CounselingSessionLogged), typeof(SelfAssessmentRecorded), typeof(PlacementFollowedUp),
        typeof(CaseClosed), typeof(CaseReopened), typeof(CaseReassigned),
    ];

    /// <param name="Refused">Streams left as they are: their seals do not verify (re-sealing them would vouch for a change), or protect-legacy ran on them before.</param>
    public sealed record Outcome(int Streams, int Events, IReadOnlyList<Guid> Refused);

    public async Task<Outcome> RunAsync(CancellationToken cancellation = default)
    {
        var streams = new HashSet<Guid>();
        await using (var query = store.QuerySession())
        {
            long after = 0;
            while (true)
            {
                var batch = await query.Events.QueryAllRawEvents()
                    .Where(e => e.Sequence > after && e.EventTypesAre(SensitiveEventTypes))
                    .OrderBy(e => e.Sequence).Take(5_000).ToListAsync(cancellation);
                if (batch.Count == 0) break;
                streams.UnionWith(batch.Where(e => HoldsClearText(e.Data)).Select(e => e.StreamId));
                after = batch[^1].Sequence;
            }
        }

        // Each stream's seals are checked in full before anything of it is rewritten (MaintenanceRuns).
        var stored = new Dictionary<Guid, List<StoredEvent>>();
        var keyedSince = new SealChain.KeyedSince();
        if (streams.Count > 0)
            await foreach (var e in history.ReadAsync(0, null, cancellation))
            {
                keyedSince.See(e);
                if (e.IsGapFiller || !streams.Contains(e.StreamId)) continue;
                if (!stored.TryGetValue(e.StreamId, out var list)) stored[e.StreamId] = list = [];
                list.Add(e);
            }

        var events = 0;
        var changed = new List<Guid>();
        var refused = new List<Guid>();
        var alreadyDone = new List<Guid>();
        foreach (var streamId in streams)
        {
            if (!SealChain.Verifies([.. stored.GetValueOrDefault(streamId, []).OrderBy(e => e.Version)], sealKey, keyedSince.Sequence))
            {
                refused.Add(streamId);
                continue;
            }
            await using (var query = store.QuerySession())
                if (await MaintenanceRuns.AlreadyRanAsync(query, Command, streamId, cancellation)) { alreadyDone.Add(streamId); continue; }
            events += await ProtectStreamAsync(streamId, cancellation);
            changed.Add(streamId);
        }
        await MaintenanceRuns.RecordAsync(store, new MaintenanceCommandRun(Command, MaintenanceRuns.RunBy, changed, refused, alreadyDone), cancellation);
        return new Outcome(changed.Count, events, [.. refused, .. alreadyDone]);
    }

    private static bool HoldsClearText(object data)
    {
        var clear = false;
        SensitiveFields.Map(data, value =>
        {
            clear |= value.Length > 0 && value != PersonalDataProtection.Erased && !PersonalDataProtection.IsProtected(value);
            return value;
        });
        return clear;
    }

    private async Task<int> ProtectStreamAsync(Guid streamId, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchStreamAsync(streamId, token: cancellation);
        // A case stored before keys were wrapped keeps its key in clear: the upgrade wraps it here, in this transaction,
        // and encrypts the case's clear values with it; from then on the service uses wrapped keys only.
        var storedKey = await session.LoadAsync<PersonalDataKey>(streamId, cancellation);
        CaseKey? key = storedKey switch
        {
            null => null,
            { WrappedKey: null, Key: { } clear } => new CaseKey(streamId, clear),
            _ => ring.Unwrap(storedKey),
        };
        if (storedKey is { WrappedKey: null } && key is not null) session.Store(ring.Wrap(key, storedKey.CreatedAt));
        var eventTable = $"{store.Options.Events.DatabaseSchemaName}.mt_events";
        var serializer = store.Options.Serializer();

        var rewritten = 0;
        foreach (var e in stream.Where(e => HoldsClearText(e.Data)))
        {
            var protectedData = key is not null
                ? SensitiveFields.Protect(e.Data, key)
                : SensitiveFields.Map(e.Data, value => value.Length == 0 || PersonalDataProtection.IsProtected(value) ? value : PersonalDataProtection.Erased);
            e.GetType().GetProperty(nameof(IEvent.Data))!.SetValue(e, protectedData);
            session.QueueSqlCommand($"update {eventTable} set data = ?::jsonb where seq_id = ?", serializer.ToJson(protectedData), e.Sequence);
            rewritten++;
        }

        // Everything derived from those events, as the projections would derive it from the rewritten ones.
        CounselingCase? snapshot = null;
        foreach (var e in stream) snapshot = CounselingCase.Evolve(snapshot, e.Data) is { } next ? next with { Version = e.Version } : snapshot;
        if (snapshot is not null) session.Store(snapshot);
        await new EventSealing(sealKey).ApplyAsync(session, stream, cancellation);

        var opened = stream.Select(e => e.Data).OfType<CaseOpened>().Single();
        if (await session.LoadAsync<CaseloadEntry>(streamId, cancellation) is { } entry)
            session.Store(entry with { WorkerName = opened.Worker.FullName, ProtectedNik = opened.Worker.Nik });
        if (key is not null && PersonalDataProtection.Reveal(opened.Worker.Nik, key) is { Length: 16 } nik)
            session.Store(new NikIndexEntry(streamId, index.Of(nik)));
        // In the same transaction as the rewrite: once per stream, and recorded.
        MaintenanceRuns.Mark(session, Command, streamId, new LegacyPersonalDataProtected(streamId, rewritten));

        await session.SaveChangesAsync(cancellation);
        return rewritten;
    }
}

[Description("One-off after upgrading: encrypt personal fields that events stored before encryption covered them still hold in clear", Name = "protect-legacy")]
public sealed class ProtectLegacyCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var migration = new LegacyPersonalDataProtection(host.Services.GetRequiredService<IDocumentStore>(),
            host.Services.GetRequiredService<PersonalDataKeyRing>(), host.Services.GetRequiredService<NikBlindIndex>(),
            host.Services.GetRequiredService<SealKey>(), host.Services.GetRequiredService<StoredHistory>());
        var outcome = await migration.RunAsync();
        foreach (var stream in outcome.Refused)
            Console.WriteLine($"REFUSED case {stream}: its seals do not verify (or protect-legacy ran on it before); left as it is.");
        Console.WriteLine($"protect-legacy: {outcome.Events} events of {outcome.Streams} cases encrypted (or erased); " +
                          $"their snapshots, caseload entries, blind-index entries and seals rewritten to match; {outcome.Refused.Count} refused.");
        return outcome.Refused.Count == 0;
    }
}
