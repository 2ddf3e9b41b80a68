namespace Counseling.Api.Audit.Verification;

/// <summary>What disagreed: a seal, a stream version, a snapshot or a projection.</summary>
public enum MismatchKind
{
    /// <summary>An event's content no longer matches its seal: it was changed after it was appended.</summary>
    EventAltered,
    /// <summary>A seal no longer chains to the previous event's seal.</summary>
    ChainBroken,
    /// <summary>An event has no seal.</summary>
    SealMissing,
    /// <summary>A seal names an event that is not there: the event was removed.</summary>
    EventMissing,
    /// <summary>A stream's versions do not run 1..n, or the stream's recorded version is not its last event's.</summary>
    VersionsInconsistent,
    /// <summary>A projected document differs from what its events make of it.</summary>
    ProjectionDiffers,
}

/// <summary>One disagreement found by verify, named by stream and sequence.</summary>
public sealed record Mismatch(MismatchKind Kind, Guid StreamId, long? Sequence, long? Version, string Detail);

/// <summary>What verify recomputed and every disagreement it found.</summary>
public sealed record VerificationReport(
    bool Consistent,
    long StreamsChecked,
    long EventsChecked,
    long ProjectedDocumentsChecked,
    IReadOnlyList<Mismatch> Mismatches,
    DateTimeOffset CheckedAt);
