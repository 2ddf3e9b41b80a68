namespace Counseling.Domain.Cases.Plans;

/// <summary>Who carries out an action of the plan.</summary>
public enum PlanActor
{
    Worker,
    Counselor,
}

/// <summary>A goal of the plan: an occupation (KBJI 2014 unit-group code) to be working in by a date.</summary>
public sealed record PlanGoal(string Occupation, DateOnly TargetDate);

/// <summary>A step toward the goals: what is done, by whom, by when.</summary>
public sealed record PlanAction([property: PersonalData] string What, PlanActor Who, DateOnly DueOn);

/// <summary>
/// The individual employment plan (the action plan public employment services agree with a jobseeker) as it stands:
/// its latest version, who wrote it, and whether the office's supervisor approved that version.
/// </summary>
public sealed record EmploymentPlan(
    int Version, IReadOnlyList<PlanGoal> Goals, IReadOnlyList<PlanAction> Actions, string WrittenBy, DateOnly WrittenOn,
    string? ApprovedBy, DateOnly? ApprovedOn)
{
    public bool IsApproved => ApprovedBy is not null;
}

/// <summary>A version of the plan was written: the first drafts it, each later one revises it and awaits approval again.</summary>
public sealed record EmploymentPlanWritten(
    int Version, IReadOnlyList<PlanGoal> Goals, IReadOnlyList<PlanAction> Actions, string WrittenBy, DateOnly On) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with
    {
        Plan = new EmploymentPlan(Version, Goals, Actions, WrittenBy, On, null, null),
    };

    public Narration Narrate() => Version == 1
        ? Narration.Of("Narrative.PlanDrafted", WrittenBy, On, Goals.Count, Actions.Count)
        : Narration.Of("Narrative.PlanRevised", WrittenBy, On, Version, Goals.Count, Actions.Count);
}

/// <summary>The office's supervisor approved a version of the plan.</summary>
public sealed record EmploymentPlanApproved(int Version, string ApprovedBy, DateOnly On) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with
    {
        Plan = current.Plan! with { ApprovedBy = ApprovedBy, ApprovedOn = On },
    };

    public Narration Narrate() => Narration.Of("Narrative.PlanApproved", Version, ApprovedBy, On);
}

/// <summary>Write the plan, or a new version of it; <paramref name="WrittenBy"/> is the counselor writing it.</summary>
public sealed record WriteEmploymentPlan(IReadOnlyList<PlanGoal> Goals, IReadOnlyList<PlanAction> Actions, string WrittenBy)
    : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now)
    {
        if (current.MustBeOpen(Why.ToWritePlan) is { } closed) return closed;
        var today = Wib.DateOf(now);
        if (Goals.FirstOrDefault(g => g.TargetDate <= today) is { } pastGoal)
            return Refusal.Invalid("goals", Why.GoalNotAhead, pastGoal.TargetDate);
        if (Actions.FirstOrDefault(a => a.DueOn < current.OpenedOn) is { } early)
            return Refusal.Invalid("actions", Why.ActionBeforeCaseOpened, early.DueOn, current.OpenedOn);

        var version = (current.Plan?.Version ?? 0) + 1;
        return Decision.Accept(new EmploymentPlanWritten(version, Goals, Actions, WrittenBy, today));
    }
}

/// <summary>Approve <paramref name="Version"/> of the plan; <paramref name="ApprovedBy"/> is the supervisor approving it.</summary>
public sealed record ApproveEmploymentPlan(int Version, string ApprovedBy) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now)
    {
        if (current.MustBeOpen(Why.ToApprovePlan) is { } closed) return closed;
        if (current.Plan is not { } plan) return Refusal.NotFound("version", Why.NoPlanToApprove);
        if (Version != plan.Version)
            return Refusal.Conflict(Why.PlanVersionNotCurrent, Version, plan.Version);
        if (plan.IsApproved) return Refusal.Conflict(Why.PlanAlreadyApproved, plan.Version, plan.ApprovedBy);
        // Four eyes: whoever wrote a version does not approve it.
        if (plan.WrittenBy == ApprovedBy)
            return Refusal.NotAllowed("version", Why.AuthorCannotApprove, ApprovedBy, plan.Version);

        return Decision.Accept(new EmploymentPlanApproved(plan.Version, ApprovedBy, Wib.DateOf(now)));
    }
}
