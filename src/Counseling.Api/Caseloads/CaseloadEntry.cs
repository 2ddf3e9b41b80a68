using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using JasperFx.Events;
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

    public override CaseloadEntry? Evolve(CaseloadEntry? entry, Guid id, IEvent e)
    {
        if (CounselingCase.Evolve(entry?.Journey, e.Data) is not { } journey) return entry;

        // Without an entry, only CaseOpened starts a journey.
        var next = entry ?? Opened((CaseOpened)e.Data, journey);
        return next with
        {
            Version = e.Version,
            OfficeId = journey.OfficeId,
            CounselorId = journey.CounselorId,
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

    private static CaseloadEntry Opened(CaseOpened opened, CounselingCase journey) => new()
    {
        Id = opened.CaseId,
        OfficeId = opened.OfficeId,
        CounselorId = opened.CounselorId,
        WorkerName = opened.Worker.FullName,
        ProtectedNik = opened.Worker.Nik,
        Journey = journey,
    };
}
