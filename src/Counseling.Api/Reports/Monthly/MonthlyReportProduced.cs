namespace Counseling.Api.Reports.Monthly;

/// <summary>
/// Someone produced an office's monthly report: who (also in the event's metadata, as on every event), in which role,
/// which office and month, in what format, at which checkpoint and with which digest. Like an export of the outcome
/// report (<see cref="OutcomeReportExported"/>), each is the first event of a stream of its own, sealed like every
/// other event, so no production can be removed unseen. It holds no figure and no worker's data.
/// </summary>
public sealed record MonthlyReportProduced(
    Guid ProductionId,
    string ProducedBy,
    string Role,
    string OfficeId,
    string Month,
    string Format,
    string Language,
    long CheckpointSequence,
    string Digest,
    DateTimeOffset ProducedAt);
