using System.Text.Json.Serialization;
using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.Erasure;
using Counseling.Domain.Cases.Corrections;
using Counseling.Domain.Cases.Intake;
using Counseling.Domain.Cases.Plans;
using Counseling.Domain.Cases.Transfers;

namespace Counseling.Domain.Cases;

/// <summary>A referral to a vacancy and, once known, what came of it.</summary>
public sealed record JobReferral(Guid Id, string Employer, string Position, DateOnly ReferredOn, JobReferralOutcome? Outcome)
    : IReferral<JobReferralOutcome>
{
    /// <summary>Open until it ends in a hire, a rejection, a no-show or a withdrawal.</summary>
    public bool IsOpen => Outcome is null or JobReferralOutcome.InterviewScheduled;
}

/// <summary>A referral to training and, once known, what came of it.</summary>
public sealed record TrainingReferral(
    Guid Id, string Provider, string Programme, TrainingKind Kind, DateOnly StartsOn, DateOnly ReferredOn, TrainingOutcome? Outcome)
    : IReferral<TrainingOutcome>
{
    /// <summary>Open until the training is completed, dropped or its competency test is decided.</summary>
    public bool IsOpen => Outcome is null or TrainingOutcome.Started;
}

/// <summary>
/// A session as its events record it (logged, then perhaps corrected): the case view lists them and a correction
/// decides on them. The case itself keeps only their count and the last contact, so that it does not grow with every
/// session (see <see cref="SessionLog"/>).
/// </summary>
public sealed record SessionHeld(Guid Id, DateTimeOffset HeldAt, SessionMode Mode, int DurationMinutes);

/// <summary>The sessions of a case, folded from its events: what the case does not keep.</summary>
public static class SessionLog
{
    /// <summary>The event types <see cref="From"/> reads: a reader needs only these of a case's events.</summary>
    public static readonly Type[] EventTypes = [typeof(CounselingSessionLogged), typeof(SessionCorrected)];

    public static IReadOnlyList<SessionHeld> From(IEnumerable<object> events)
    {
        var sessions = new List<SessionHeld>();
        foreach (var @event in events)
        {
            switch (@event)
            {
                case CounselingSessionLogged logged:
                    sessions.Add(new SessionHeld(logged.SessionId, logged.HeldAt, logged.Mode, logged.DurationMinutes));
                    break;
                case SessionCorrected corrected when sessions.FindIndex(s => s.Id == corrected.SessionId) is var at and >= 0:
                    sessions[at] = sessions[at] with { HeldAt = corrected.HeldAt, DurationMinutes = corrected.DurationMinutes };
                    break;
            }
        }
        return sessions;
    }
}

/// <summary>The job the worker started and, after the three-month follow-up, whether they are still employed.</summary>
public sealed record Placement(Guid Id, string Employer, string Position, DateOnly StartsOn, long MonthlyWageRupiah, bool? StillEmployed);

/// <summary>
/// What the JKP entitlement is decided on: the PHK date and last reported wage (from the intake's employment), the
/// claim date and the contribution history. <see cref="ClaimDateRecorded"/> is false for cases opened before the claim
/// was recorded: their claim date is the intake date.
/// </summary>
public sealed record JkpClaim(
    DateOnly TerminationDate, long LastMonthlyWageRupiah, DateOnly ClaimedOn, ContributionHistory? Contributions, bool ClaimDateRecorded)
{
    /// <summary>Why the job ended, as the intake recorded it (null on snapshots stored before it was kept here).</summary>
    public TerminationReason? TerminationReason { get; init; }
    /// <summary>Every month of contributions paid, as the intake recorded it.</summary>
    public int? ContributionMonths { get; init; }
    /// <summary>The intake facts recorded since the JKP rules of issue 27; null on older claims (see <see cref="Intake.CaseIntake.EntitlementUnder"/>).</summary>
    public Participation? Participation { get; init; }
    public EmploymentContract? Contract { get; init; }
    public IReadOnlyList<EarlierJkpClaim>? EarlierClaims { get; init; }
}

/// <summary>One piece of job-search evidence: what, when, and the employer or programme.</summary>

public sealed record JobSearchActivity(
    Guid Id, JobSearchActivityKind Kind, DateOnly On, string? Employer, string? Programme, int? AttendancePercent);

/// <summary>
/// A case as its events have made it: the state every decision about the case is taken on.
/// Immutable: <see cref="Evolve"/> returns the next state. The stage is derived here, never set by a command.
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
    public DateOnly OpenedOn => Wib.DateOf(OpenedAt);

    public int SessionsCount { get; init; }
    /// <summary>When the latest session was held, whatever order sessions were logged or corrected in.</summary>
    public DateTimeOffset? LastContactAt { get; init; }
    public DateOnly? NextFollowUpOn { get; init; }

    public Readiness? Readiness { get; init; }
    public IReadOnlyList<JobReferral> JobReferrals { get; init; } = [];
    public IReadOnlyList<TrainingReferral> TrainingReferrals { get; init; } = [];
    public Placement? Placement { get; init; }
    public DateOnly? SelfEmployedSince { get; init; }
    public ClosureReason? ClosedBecause { get; init; }
    public DateOnly? PersonalDataErasedOn { get; init; }
    /// <summary>An erasure request taken in and not yet approved by a second person.</summary>
    public PendingErasure? PendingErasure { get; init; }
    public EmploymentPlan? Plan { get; init; }
    public PendingTransfer? PendingTransfer { get; init; }

    /// <summary>
    /// What the JKP benefit is decided on (claim, commitment, evidence, first job, death), folded by
    /// <see cref="BenefitHistory.Evolve"/> alone: the outcome report folds the same events with the same function.
    /// </summary>
    public BenefitHistory? Benefit
    {
        get => _benefit ?? StoredBeforeBenefitHistory();
        init => _benefit = value;
    }

    private readonly BenefitHistory? _benefit;

    // A snapshot (or a caseload entry's copy of the case) stored before the benefit had a history of its own kept these
    // members at its top level. They are read, never written (their getters answer null), and stand in for Benefit
    // until the document is next written: stored documents stay readable without a rebuild, and verify compares a
    // stored one in the shape it is now written in.
    private readonly LegacyBenefitMembers _stored = new();

    [JsonInclude, JsonPropertyName("claim"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private JkpClaim? StoredClaim { get => null; init => _stored.Claim = value; }

    [JsonInclude, JsonPropertyName("jobSearchCommittedOn"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private DateOnly? StoredJobSearchCommittedOn { get => null; init => _stored.JobSearchCommittedOn = value; }

    [JsonInclude, JsonPropertyName("jobSearchActivities"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private IReadOnlyList<JobSearchActivity>? StoredJobSearchActivities { get => null; init => _stored.JobSearchActivities = value; }

    [JsonInclude, JsonPropertyName("firstPlacementStartsOn"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private DateOnly? StoredFirstPlacementStartsOn { get => null; init => _stored.FirstPlacementStartsOn = value; }

    [JsonInclude, JsonPropertyName("diedOn"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private DateOnly? StoredDiedOn { get => null; init => _stored.DiedOn = value; }

    private BenefitHistory? StoredBeforeBenefitHistory() => _stored.Claim is { } claim
        ? new BenefitHistory(claim, _stored.JobSearchCommittedOn,
            [.. (_stored.JobSearchActivities ?? []).Select(a => a with { Employer = null, Programme = null })],
            _stored.FirstPlacementStartsOn, _stored.DiedOn)
        : null;

    private sealed class LegacyBenefitMembers
    {
        public JkpClaim? Claim;
        public DateOnly? JobSearchCommittedOn;
        public IReadOnlyList<JobSearchActivity>? JobSearchActivities;
        public DateOnly? FirstPlacementStartsOn;
        public DateOnly? DiedOn;

        // Equal whatever they hold: a case is the same case whether it was read from an old document or folded anew.
        public override bool Equals(object? obj) => obj is LegacyBenefitMembers;
        public override int GetHashCode() => 0;
    }

    public bool IsClosed => ClosedBecause is not null;
    public bool IsPlaced => Placement is { StillEmployed: not false };
    public bool IsSelfEmployed => SelfEmployedSince is not null;

    public CaseStage Stage =>
        IsClosed ? CaseStage.Closed
        : IsSelfEmployed ? CaseStage.SelfEmployed
        : IsPlaced ? CaseStage.Placed
        : TrainingReferrals.Any(t => t.IsOpen) ? CaseStage.Training
        : JobReferrals.Count > 0 || TrainingReferrals.Count > 0 ? CaseStage.JobSearch
        : Readiness is not null ? CaseStage.Assessment
        : CaseStage.Intake;

    /// <summary>
    /// The one entry point for every decision on a case: intake starts a case, every other command is a step on an
    /// existing one. Returns the events to append, or the refusal; never changes anything itself.
    /// </summary>
    public static Decision Decide(CounselingCase? current, object command, DateTimeOffset now) => (current, command) switch
    {
        (null, OpenCase intake) => CaseIntake.Open(intake, now),
        ({ } existing, OpenCase) => Refusal.Conflict(Why.CaseAlreadyOpen, existing.Id),
        ({ } existing, ICaseCommand step) => step.Decide(existing, now),
        (null, ICaseCommand step) => Refusal.NotFound("id", Why.NeedsExistingCase, step.GetType().Name),
        _ => throw new ArgumentException($"{command.GetType().Name} is not a command on a case.", nameof(command)),
    };

    /// <summary>A step on this case, decided on its current state.</summary>
    public Decision Decide(ICaseCommand command, DateTimeOffset now) => Decide(this, command, now);

    /// <summary>The state after one more event; events this state does not track leave it as it was.</summary>
    public static CounselingCase? Evolve(CounselingCase? current, object @event) =>
        EvolveSteps(current, @event) is { } next && BenefitHistory.Evolve(current?.Benefit, @event) is var benefit
            ? ReferenceEquals(benefit, next.Benefit) ? next : next with { Benefit = benefit }
            : null;

    private static CounselingCase? EvolveSteps(CounselingCase? current, object @event) => (current, @event) switch
    {
        (null, CaseOpened opened) => Opened(opened),
        (null, _) => null,
        // Each event says how the case applies it, where the event is declared (its step's file).
        (_, ICaseEvent step) => step.Apply(current),
        _ => current,
    };

    /// <summary>The later of the last contact known and a session's time.</summary>
    internal static DateTimeOffset Latest(DateTimeOffset? known, DateTimeOffset heldAt) =>
        known is { } last && last > heldAt ? last : heldAt;

    private static CounselingCase Opened(CaseOpened opened) => new()
    {
        Id = opened.CaseId,
        OfficeId = opened.OfficeId,
        CounselorId = opened.CounselorId,
        Worker = opened.Worker,
        OpenedAt = opened.OpenedAt,
    };
}
