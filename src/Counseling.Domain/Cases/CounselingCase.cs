using Counseling.Domain.Cases.Erasure;
using Counseling.Domain.Cases.Corrections;
using Counseling.Domain.Cases.Intake;
using Counseling.Domain.Cases.Plans;
using Counseling.Domain.Cases.Transfers;

namespace Counseling.Domain.Cases;

/// <summary>A referral to a vacancy and, once known, what came of it.</summary>
public sealed record JobReferral(Guid Id, string Employer, string Position, DateOnly ReferredOn, JobReferralOutcome? Outcome)
{
    /// <summary>Open until it ends in a hire, a rejection, a no-show or a withdrawal.</summary>
    public bool IsOpen => Outcome is null or JobReferralOutcome.InterviewScheduled;
}

/// <summary>A referral to training and, once known, what came of it.</summary>
public sealed record TrainingReferral(
    Guid Id, string Provider, string Programme, TrainingKind Kind, DateOnly StartsOn, DateOnly ReferredOn, TrainingOutcome? Outcome)
{
    /// <summary>Open until the training is completed, dropped or its competency test is decided.</summary>
    public bool IsOpen => Outcome is null or TrainingOutcome.Started;
}

/// <summary>A session as the case keeps it: enough to correct it and to know the last contact.</summary>
public sealed record SessionHeld(Guid Id, DateTimeOffset HeldAt, SessionMode Mode, int DurationMinutes);

/// <summary>The job the worker started and, after the three-month follow-up, whether they are still employed.</summary>
public sealed record Placement(Guid Id, string Employer, string Position, DateOnly StartsOn, long MonthlyWageRupiah, bool? StillEmployed);

/// <summary>
/// What the JKP entitlement is decided on: the PHK date and last reported wage (from the intake's employment), the
/// claim date and the contribution history. <see cref="ClaimDateRecorded"/> is false for cases opened before the claim
/// was recorded: their claim date is the intake date.
/// </summary>
public sealed record JkpClaim(
    DateOnly TerminationDate, long LastMonthlyWageRupiah, DateOnly ClaimedOn, ContributionHistory? Contributions, bool ClaimDateRecorded);

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

    public IReadOnlyList<SessionHeld> Sessions { get; init; } = [];
    public int SessionsCount => Sessions.Count;
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

    public JkpClaim? Claim { get; init; }
    public DateOnly? JobSearchCommittedOn { get; init; }
    public IReadOnlyList<JobSearchActivity> JobSearchActivities { get; init; } = [];
    /// <summary>The start of the first job after the PHK: the benefit ends then (PP 6/2025 Pasal 40).</summary>
    public DateOnly? FirstPlacementStartsOn { get; init; }
    public DateOnly? DiedOn { get; init; }

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
    public static CounselingCase? Evolve(CounselingCase? current, object @event) => (current, @event) switch
    {
        (null, CaseOpened opened) => Opened(opened),
        (null, _) => null,
        (_, CounselingSessionLogged session) => WithSessions(current with { NextFollowUpOn = session.NextFollowUpOn },
            [.. current.Sessions, new SessionHeld(session.SessionId, session.HeldAt, session.Mode, session.DurationMinutes)]),
        (_, SessionCorrected corrected) => WithSessions(current,
            [.. current.Sessions.Select(s => s.Id == corrected.SessionId ? s with { HeldAt = corrected.HeldAt, DurationMinutes = corrected.DurationMinutes } : s)]),
        (_, JobReferralCorrected corrected) => current with
        {
            JobReferrals = [.. current.JobReferrals.Select(r => r.Id == corrected.ReferralId ? r with { Employer = corrected.Employer } : r)],
        },
        (_, JkpClaimRecorded claim) => current with
        {
            Claim = current.Claim! with { ClaimedOn = claim.ClaimedOn, Contributions = claim.Contributions, ClaimDateRecorded = true },
        },
        (_, JobSearchCommitmentMade committed) => current with { JobSearchCommittedOn = committed.CommittedOn },
        (_, JobSearchActivityRecorded activity) => current with
        {
            JobSearchActivities = [.. current.JobSearchActivities,
                new JobSearchActivity(activity.ActivityId, activity.Kind, activity.On, activity.Employer, activity.Programme, activity.AttendancePercent)],
        },
        (_, WorkerPhoneCorrected corrected) => current with { Worker = current.Worker with { Phone = corrected.Phone } },
        (_, EmploymentPlanWritten plan) => current with
        {
            Plan = new EmploymentPlan(plan.Version, plan.Goals, plan.Actions, plan.WrittenBy, plan.On, null, null),
        },
        (_, EmploymentPlanApproved approved) => current with
        {
            Plan = current.Plan! with { ApprovedBy = approved.ApprovedBy, ApprovedOn = approved.On },
        },
        (_, CaseTransferRequested requested) => current with
        {
            PendingTransfer = new PendingTransfer(requested.TransferId, requested.ToOfficeId, requested.RequestedBy, requested.On),
        },
        (_, CaseTransferAccepted accepted) => current with
        {
            OfficeId = accepted.ToOfficeId, CounselorId = accepted.ToCounselorId, PendingTransfer = null,
        },
        (_, CaseTransferDeclined) => current with { PendingTransfer = null },
        (_, SelfAssessmentRecorded assessed) => current with { Readiness = assessed.Readiness },
        (_, JobReferralMade referral) => current with
        {
            JobReferrals = [.. current.JobReferrals,
                new JobReferral(referral.ReferralId, referral.Employer, referral.Position, referral.ReferredOn, null)],
        },
        (_, JobReferralOutcomeRecorded outcome) => current with
        {
            JobReferrals = [.. current.JobReferrals.Select(r => r.Id == outcome.ReferralId ? r with { Outcome = outcome.Outcome } : r)],
        },
        (_, TrainingReferralMade referral) => current with
        {
            TrainingReferrals = [.. current.TrainingReferrals,
                new TrainingReferral(
                    referral.ReferralId, referral.Provider, referral.Programme, referral.Kind, referral.StartsOn, referral.ReferredOn, null)],
        },
        (_, TrainingReferralOutcomeRecorded outcome) => current with
        {
            TrainingReferrals = [.. current.TrainingReferrals.Select(r => r.Id == outcome.ReferralId ? r with { Outcome = outcome.Outcome } : r)],
        },
        (_, WorkerPlaced placed) => current with
        {
            Placement = new Placement(placed.PlacementId, placed.Employer, placed.Position, placed.StartsOn, placed.MonthlyWageRupiah, null),
            FirstPlacementStartsOn = current.FirstPlacementStartsOn is { } earlier && earlier < placed.StartsOn ? earlier : placed.StartsOn,
        },
        (_, PlacementFollowedUp followUp) => current with
        {
            Placement = current.Placement! with { StillEmployed = followUp.StillEmployed },
        },
        (_, SelfEmploymentStarted started) => current with { SelfEmployedSince = started.StartsOn },
        (_, CaseClosed closed) => current with
        {
            ClosedBecause = closed.Reason,
            NextFollowUpOn = null,
            DiedOn = closed.Reason == ClosureReason.Died ? closed.On : current.DiedOn,
        },
        (_, CaseReopened) => current with { ClosedBecause = null },
        (_, CaseReassigned reassigned) => current with { CounselorId = reassigned.ToCounselorId },
        (_, WorkerPersonalDataErasureRequested requested) => current with
        {
            PendingErasure = new PendingErasure(requested.RequestReference, requested.RequestedBy, requested.On),
        },
        (_, WorkerPersonalDataErased erased) => current with { PersonalDataErasedOn = erased.On, PendingErasure = null },
        _ => current,
    };

    /// <summary>The last contact is the latest session, whatever order sessions were logged or corrected in.</summary>
    private static CounselingCase WithSessions(CounselingCase current, IReadOnlyList<SessionHeld> sessions) => current with
    {
        Sessions = sessions,
        LastContactAt = sessions.Count == 0 ? null : sessions.Max(s => s.HeldAt),
    };

    private static CounselingCase Opened(CaseOpened opened) => new()
    {
        Id = opened.CaseId,
        OfficeId = opened.OfficeId,
        CounselorId = opened.CounselorId,
        Worker = opened.Worker,
        OpenedAt = opened.OpenedAt,
        Claim = new JkpClaim(
            opened.Employment.TerminationDate, opened.Employment.LastMonthlyWageRupiah, Wib.DateOf(opened.OpenedAt), null, ClaimDateRecorded: false),
    };
}
