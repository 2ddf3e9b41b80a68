namespace Counseling.Api.Audit.Verification;

/// <summary>What disagreed: a seal, a stream version, a snapshot or a projection.</summary>
public enum MismatchKind
{
    /// <summary>An event's data no longer matches its seal: it was changed after it was appended.</summary>
    DataChanged,
    /// <summary>An event's stream, version, type, time, recorder, correlation, causation or headers no longer match its seal.</summary>
    MetadataChanged,
    /// <summary>A seal no longer chains to the previous event's seal.</summary>
    ChainBroken,
    /// <summary>An event has no seal: it was inserted after the fact, or its seal was removed.</summary>
    SealMissing,
    /// <summary>A seal is unkeyed (written before seals were keyed) or names a key that is not the service's.</summary>
    SealNotKeyed,
    /// <summary>A seal names the service's key but was not made with it: rewritten by someone without the key.</summary>
    SealForged,
    /// <summary>An event that was recorded is not there: removed in the middle or at the end of its stream.</summary>
    EventMissing,
    /// <summary>Every event of a stream a checkpoint recorded is gone.</summary>
    StreamDeleted,
    /// <summary>A stream holds more events up to a checkpoint's sequence than the checkpoint recorded.</summary>
    EventInserted,
    /// <summary>An event carries the content sealed for another version of its stream, or versions run backwards.</summary>
    VersionsReordered,
    /// <summary>A stream's versions do not run 1..n, or the stream's recorded version is not its last event's.</summary>
    VersionsInconsistent,
    /// <summary>The events up to a checkpoint's sequence do not hash to its head, and no stream could be named.</summary>
    HistoryDiffers,
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
