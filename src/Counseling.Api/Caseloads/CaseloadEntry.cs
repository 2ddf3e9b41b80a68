using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten.Events.Aggregation;

namespace Counseling.Api.Caseloads;

/// <summary>
/// One case as caseload lists show it. Holds the worker's name and NIK only, both as the intake stored them (encrypted
/// with the case's key): the phone, the birth date and the BPJS number stay in the case file.
/// </summary>
public sealed record CaseloadEntry
{
    public Guid Id { get; init; }

    /// <summary>The stream version this entry reflects.</summary>
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

    /// <summary>
    /// The domain's own view of the journey, which derives the stage; kept here so this projection never re-derives
    /// what <see cref="CounselingCase"/> decides. Personal data is blanked out of it.
    /// </summary>
    public required CounselingCase Journey { get; init; }

}

/// <summary>Keeps a <see cref="CaseloadEntry"/> per case, asynchronously, from the case's events.</summary>
public sealed partial class CaseloadProjection : SingleStreamProjection<CaseloadEntry, Guid>
{
    public const string ProjectionName = "Caseload";

    private static readonly WorkerDetails NoPersonalData = new("", "", "", "", "");

    public CaseloadProjection() => Name = ProjectionName;

    /// <summary>All the events of one case that one batch brings, at once (see <see cref="EntryAfter"/>).</summary>
    public override (CaseloadEntry?, ActionType) DetermineAction(CaseloadEntry? entry, Guid id, IReadOnlyList<IEvent> events) =>
        EntryAfter(entry, events) is { } next ? (next, ActionType.Store) : (entry, ActionType.Nothing);

    /// <summary>
    /// The entry after <paramref name="events"/> (of one case, in order). The journey is folded event by event; what is
    /// derived from it (the worklist items, the benefit months still due) only once at the end: deriving them after
    /// every event was most of the projection's work (docs/decisions/composite-async-projections.md). Verify replays
    /// the entries with this same method.
    /// </summary>
    public static CaseloadEntry? EntryAfter(CaseloadEntry? entry, IReadOnlyList<IEvent> events)
    {
        var journey = entry?.Journey;
        (string Name, string Nik)? worker = entry is null ? null : (entry.WorkerName, entry.ProtectedNik);
        long version = 0;
        foreach (var e in events)
        {
            if (CounselingCase.Evolve(journey, e.Data) is not { } next) continue;
            // Without an entry, only CaseOpened starts a journey: the entry keeps its name and NIK as the intake stored them.
            if (journey is null && e.Data is CaseOpened opened) worker = (opened.Worker.FullName, opened.Worker.Nik);
            journey = next;
            version = e.Version;
        }
        if (journey is null || worker is not { } named || version == 0) return entry;

        return new CaseloadEntry
        {
            Id = journey.Id,
            Version = version,
            OfficeId = journey.OfficeId,
            CounselorId = journey.CounselorId,
            WorkerName = named.Name,
            ProtectedNik = named.Nik,
            Stage = journey.Stage,
            IsOpen = !journey.IsClosed,
            OpenedOn = journey.OpenedOn,
            LastContactAt = journey.LastContactAt,
            NextFollowUpOn = journey.NextFollowUpOn,
            BenefitEvidenceDue = [.. JkpBenefit.EvidenceDueOn(journey)],
            Due = Worklist.DueOn(journey),
            Journey = journey with { Worker = NoPersonalData },
        };
    }
}
