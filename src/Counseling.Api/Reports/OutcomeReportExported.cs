namespace Counseling.Api.Reports;

/// <summary>
/// Someone took a report out of the service as a file: who (also in the event's metadata, as on every event), in which
/// role, which report with which parameters, in what format and how many rows. Each export is the first event of a
/// stream of its own, so it is sealed like every other event and no export can be removed unseen.
/// </summary>
public sealed record OutcomeReportExported(
    Guid ExportId,
    string ExportedBy,
    string Role,
    string Report,
    string Query,
    string Format,
    int Rows,
    DateTimeOffset ExportedAt);
