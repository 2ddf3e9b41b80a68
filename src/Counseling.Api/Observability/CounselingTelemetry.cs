using System.Diagnostics.Metrics;

namespace Counseling.Api.Observability;

/// <summary>
/// The service's own meter. Every label is a fixed vocabulary (an event type, a projection's name), never a value a
/// request carries: no case id, user id or personal data becomes a label.
/// </summary>
public static class CounselingTelemetry
{
    public const string MeterName = "Counseling";

    /// <summary>Traces and metrics the service exports besides its own.</summary>
    public static readonly string[] LibrarySources = ["Marten", "Wolverine"];
    public static readonly string[] LibraryMeters = ["Marten", "Wolverine", "Npgsql"];
}
