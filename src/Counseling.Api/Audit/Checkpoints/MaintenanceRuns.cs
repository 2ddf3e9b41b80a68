using Counseling.Api.ReferenceData;
using Marten;

namespace Counseling.Api.Audit.Checkpoints;

/// <summary>A maintenance command re-sealed a stream with the seal key (audit-reseal), after checking it in full.</summary>
public sealed record StreamResealed(Guid StreamId, int Events, string KeyId);

/// <summary>protect-legacy encrypted what a case's stored events still held in clear and re-sealed the stream, after checking its seals.</summary>
public sealed record LegacyPersonalDataProtected(Guid StreamId, int EventsRewritten);

/// <summary>
/// A run of a maintenance command that rewrites stored seals or events: who ran it (the operating-system user), which
/// streams it changed, which it refused because their seals did not verify, and which it skipped because it had run on
/// them before.
/// </summary>
public sealed record MaintenanceCommandRun(string Command, string RunBy, IReadOnlyList<Guid> Changed, IReadOnlyList<Guid> Refused, IReadOnlyList<Guid> AlreadyDone);

/// <summary>
/// The commands that rewrite seals (audit-reseal, protect-legacy) are the insider's best tool for laundering a change,
/// so each one (1) checks a stream's seals in full before rewriting anything (SealChain in ops/tools/Counseling.Tools), (2) runs
/// at most once per stream: the rewrite and a marker stream for that command and stream are saved in one transaction,
/// and a stream with a marker is not touched again (starting the marker twice fails), and (3) records every run as an
/// event (<see cref="MaintenanceCommandRun"/>). All of it is sealed and checkpointed like any event.
/// </summary>
public static class MaintenanceRuns
{
    public static string RunBy => $"maintenance:{Environment.UserName}";

    public static Guid MarkerFor(string command, Guid streamId) => CounselorStreams.StreamIdFor($"maintenance/{command}/{streamId}");

    public static async Task<bool> AlreadyRanAsync(IQuerySession session, string command, Guid streamId, CancellationToken cancellation) =>
        await session.Events.FetchStreamStateAsync(MarkerFor(command, streamId), cancellation) is not null;

    /// <summary>In the session that rewrites the stream, so that the rewrite and its marker commit together.</summary>
    public static void Mark(IDocumentSession session, string command, Guid streamId, object done)
    {
        Stamp(session);
        session.Events.StartStream(MarkerFor(command, streamId), done);
    }

    public static async Task RecordAsync(IDocumentStore store, MaintenanceCommandRun run, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        Stamp(session);
        session.Events.StartStream(Guid.CreateVersion7(), run);
        await session.SaveChangesAsync(cancellation);
    }

    private static void Stamp(IDocumentSession session)
    {
        session.LastModifiedBy = RunBy;
        session.SetHeader(AuditTrail.RoleHeader, CounselorStreams.SystemRole);
    }

    public static void RegisterEventTypes(StoreOptions options)
    {
        options.Events.AddEventType<StreamResealed>();
        options.Events.AddEventType<LegacyPersonalDataProtected>();
        options.Events.AddEventType<MaintenanceCommandRun>();
    }
}
