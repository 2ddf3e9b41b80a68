using Counseling.Api.Cases;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using JasperFx.Core;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Grouping;
using Marten;
using Marten.Events;
using Marten.Events.Aggregation;

namespace Counseling.Api.Caseloads;

/// <summary>
/// One case as caseload lists show it. Holds the worker's name and NIK only, both as the intake stored them (encrypted
/// with the case's key): the phone, the birth date and the BPJS number stay in the case file.
/// </summary>
public sealed record CaseloadEntry
{
    public Guid Id { get; init; }

    /// <summary>
    /// The stream version of the case snapshot this entry reflects. Set by <see cref="CaseloadProjection.EntryOf"/>, not
    /// by Marten's aggregate versioning (which would take the last event of the batch's slice: the snapshot's reference).
    /// </summary>
    [JasperFxIgnore]
    public long Version { get; init; }

    public required string OfficeId { get; init; }
    public required string CounselorId { get; init; }
    /// <summary>The worker's name as the intake stored it, encrypted with the case's key.</summary>
    public required string WorkerName { get; init; }
    /// <summary>The NIK as the intake stored it, encrypted with the case's key: lists show it masked, through the key.</summary>
    public required string ProtectedNik { get; init; }
    public CaseStage Stage { get; init; }
    public bool IsOpen { get; init; }
    public DateOnly OpenedOn { get; init; }
    public DateTimeOffset? LastContactAt { get; init; }
    public DateOnly? NextFollowUpOn { get; init; }

    /// <summary>What the counselor has to do on this case, and by when: the worklist's items (see <see cref="Worklist"/>).</summary>
    public IReadOnlyList<WorkDue> Due { get; init; } = [];

    /// <summary>
    /// The last days of the JKP benefit months still short of their conditions (see <see cref="JkpBenefit.EvidenceDueOn"/>):
    /// the follow-ups and the dashboard find due and at-risk months from these in SQL.
    /// </summary>
    public DateOnly[] BenefitEvidenceDue { get; init; } = [];
}

/// <summary>
/// Keeps a <see cref="CaseloadEntry"/> per case, asynchronously. The entry is derived from the case as the domain decides
/// it, read from the inline case snapshot (<see cref="CounselingCase"/>, written in the same transaction as the events),
/// never from a second fold of the events (docs/decisions/caseload-entry-from-snapshot.md).
/// </summary>
public sealed partial class CaseloadProjection : SingleStreamProjection<CaseloadEntry, Guid>
{
    public const string ProjectionName = "Caseload";

    public CaseloadProjection() => Name = ProjectionName;

    private static readonly CounselingCaseProjection CaseEvolution = new();

    /// <summary>
    /// The snapshots of every case this batch brings events of, in one query, each added to its case's slice as a
    /// reference (<see cref="References{T}"/>, after the case's events) for <see cref="DetermineAction"/>.
    /// A snapshot missing or behind the batch's events of its case can only be one being rebuilt (`projections rebuild`
    /// rebuilds the inline snapshots beside these views): those cases alone are folded from their events here, with the
    /// snapshot's own projection, up to the batch's last event.
    /// </summary>
    public override async Task EnrichEventsAsync(SliceGroup<CaseloadEntry, Guid> group, IQuerySession querySession, CancellationToken cancellation)
    {
        var ids = group.Slices.Select(slice => slice.Id).ToArray();
        if (ids.Length == 0) return;
        var cases = (await querySession.LoadManyAsync<CounselingCase>(cancellation, ids)).ToDictionary(c => c.Id);

        var behind = group.Slices
            .Where(slice => slice.Events().Any(e => ChangesCase(e.Data))
                            && (!cases.TryGetValue(slice.Id, out var current) || current.Version < slice.Events().Max(e => e.Version)))
            .ToDictionary(slice => slice.Id, slice => slice.Events().Max(e => e.Version));
        if (behind.Count > 0)
        {
            var streams = await querySession.Events.QueryAllRawEvents()
                .Where(e => e.StreamId.IsOneOf(behind.Keys.ToArray()))
                .OrderBy(e => e.Sequence)
                .ToListAsync(cancellation);
            foreach (var stream in streams.GroupBy(e => e.StreamId))
                if (CaseFoldedFrom(stream.Where(e => e.Version <= behind[stream.Key])) is { } folded) cases[stream.Key] = folded;
        }

        foreach (var slice in group.Slices)
            if (cases.TryGetValue(slice.Id, out var current)) slice.Reference(current);
    }

    /// <summary>An event that makes or changes a case (see <see cref="CounselingCase.Evolve"/>).</summary>
    private static bool ChangesCase(object data) =>
        data is CaseOpened or ICaseEvent or IBenefitEvent;

    /// <summary>The case as the snapshot's own projection folds <paramref name="events"/> (a whole stream, in order).</summary>
    public static CounselingCase? CaseFoldedFrom(IEnumerable<IEvent> events) =>
        events.Aggregate((CounselingCase?)null, (current, e) => CaseEvolution.Evolve(current, e.StreamId, e));

    /// <summary>
    /// All the events of one case that one batch brings, at once: the entry becomes what the case's snapshot says. The
    /// snapshot may be ahead of the batch (the daemon behind the writes): the entry then reflects the snapshot's state
    /// and version at once, and the batch that brings those later events finds nothing left to write.
    /// </summary>
    public override (CaseloadEntry?, ActionType) DetermineAction(CaseloadEntry? entry, Guid id, IReadOnlyList<IEvent> events)
    {
        var current = events.Select(e => e.Data).OfType<References<CounselingCase>>().LastOrDefault()?.Entity;
        // No snapshot: not a case's stream (or a stream without a CaseOpened), as a fold of its events would find.
        if (current is null || (entry is not null && entry.Version >= current.Version)) return (entry, ActionType.Nothing);
        return (EntryOf(current), ActionType.Store);
    }

    /// <summary>
    /// The entry of a case in the state <paramref name="current"/>: the worklist items and the benefit months still due
    /// are derived once, by the domain's own functions. Verify derives entries with this same method, from the case
    /// folded from its events.
    /// </summary>
    public static CaseloadEntry EntryOf(CounselingCase current) => new()
    {
        Id = current.Id,
        Version = current.Version,
        OfficeId = current.OfficeId,
        CounselorId = current.CounselorId,
        // As the intake stored them (encrypted with the case's key): a correction changes only the phone.
        WorkerName = current.Worker.FullName,
        ProtectedNik = current.Worker.Nik,
        Stage = current.Stage,
        IsOpen = !current.IsClosed,
        OpenedOn = current.OpenedOn,
        LastContactAt = current.LastContactAt,
        NextFollowUpOn = current.NextFollowUpOn,
        BenefitEvidenceDue = [.. JkpBenefit.EvidenceDueOn(current)],
        Due = Worklist.DueOn(current),
    };
}
