namespace Counseling.Domain.Cases;

/// <summary>
/// A case as its events have made it: the state every decision about the case is taken on.
/// Immutable: applying an event returns the next state.
/// </summary>
public sealed record CounselingCase
{
    public Guid Id { get; init; }

    /// <summary>The stream version this state reflects (the number of events applied).</summary>
    public long Version { get; init; }

    public required string OfficeId { get; init; }
    public required string CounselorId { get; init; }
    public required WorkerDetails Worker { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public CaseStage Stage { get; init; } = CaseStage.Intake;
    public int SessionsCount { get; init; }
    public DateTimeOffset? LastContactAt { get; init; }
    public DateOnly? NextFollowUpOn { get; init; }

    public bool IsClosed => Stage == CaseStage.Closed;

    /// <summary>The state after one more event; unknown events leave it as it was.</summary>
    public static CounselingCase? Evolve(CounselingCase? current, object @event) => (current, @event) switch
    {
        (null, CaseOpened opened) => Opened(opened),
        (null, _) => null,
        (_, CounselingSessionLogged session) => current.SessionLogged(session),
        _ => current,
    };

    private static CounselingCase Opened(CaseOpened opened) => new()
    {
        Id = opened.CaseId,
        OfficeId = opened.OfficeId,
        CounselorId = opened.CounselorId,
        Worker = opened.Worker,
        OpenedAt = opened.OpenedAt,
    };

    private CounselingCase SessionLogged(CounselingSessionLogged session) => this with
    {
        SessionsCount = SessionsCount + 1,
        LastContactAt = Later(LastContactAt, session.HeldAt),
        NextFollowUpOn = session.NextFollowUpOn,
    };

    private static DateTimeOffset Later(DateTimeOffset? known, DateTimeOffset candidate) =>
        known is { } k && k > candidate ? k : candidate;
}
