using Counseling.Api.Localization;
using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Plans;
using FluentValidation;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.Plans;

/// <summary>A goal of the plan: a KBJI 2014 occupation code and the day to be working in it by.</summary>

public sealed record PlanGoalRequest(string? Occupation, DateOnly? TargetDate);

/// <summary>An action of the plan: what is done, by the worker or the counselor, and by when.</summary>

public sealed record PlanActionRequest(string? What, PlanActor? Who, DateOnly? DueOn);

/// <summary>The whole plan as it should now read: the first version drafts it, a later one revises it.</summary>
public sealed record WriteEmploymentPlanRequest(IReadOnlyList<PlanGoalRequest>? Goals, IReadOnlyList<PlanActionRequest>? Actions)
    : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) => new(new WriteEmploymentPlan(
        [.. Goals!.Select(g => new PlanGoal(g.Occupation!, g.TargetDate!.Value))],
        [.. Actions!.Select(a => new PlanAction(a.What!, a.Who!.Value, a.DueOn!.Value))],
        context.Caller.UserId));
}

public sealed class WriteEmploymentPlanValidator : AbstractValidator<WriteEmploymentPlanRequest>
{
    public WriteEmploymentPlanValidator()
    {
        RuleFor(r => r.Goals).NotEmpty().WithMessage(_ => Texts.Get("Validation.PlanGoalsRequired"))
            .Must(g => g is null || g.Count <= 5).WithMessage(_ => Texts.Get("Validation.PlanGoalsAtMost"));
        RuleForEach(r => r.Goals).SetValidator(new PlanGoalValidator());
        RuleFor(r => r.Actions).NotEmpty().WithMessage(_ => Texts.Get("Validation.PlanActionsRequired"))
            .Must(a => a is null || a.Count <= 30).WithMessage(_ => Texts.Get("Validation.PlanActionsAtMost"));
        RuleForEach(r => r.Actions).SetValidator(new PlanActionValidator());
    }
}

/// <summary>A validator of its own (not child rules), so that the OpenAPI document states a goal's rules too.</summary>
public sealed class PlanGoalValidator : AbstractValidator<PlanGoalRequest>
{
    public PlanGoalValidator()
    {
        RuleFor(g => g.Occupation).Cascade(CascadeMode.Stop).NotEmpty()
            .MaximumLength(4).WithMessage(_ => Texts.Get("Validation.GoalOccupation"))
            .Matches("^[0-9]{4}$").WithMessage(_ => Texts.Get("Validation.GoalOccupation"));
        RuleFor(g => g.TargetDate).NotNull();
    }
}

public sealed class PlanActionValidator : AbstractValidator<PlanActionRequest>
{
    public PlanActionValidator()
    {
        RuleFor(a => a.What).RequiredText(500);
        RuleFor(a => a.Who).NotNull().IsInEnum();
        RuleFor(a => a.DueOn).NotNull();
    }
}

/// <summary>The version of the plan the supervisor approves: the current one.</summary>

public sealed record ApproveEmploymentPlanRequest(int? Version) : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) =>
        new(new ApproveEmploymentPlan(Version!.Value, context.Caller.UserId));
}

public sealed class ApproveEmploymentPlanValidator : AbstractValidator<ApproveEmploymentPlanRequest>
{
    public ApproveEmploymentPlanValidator() => RuleFor(r => r.Version).NotNull().GreaterThan(0);
}

public static class EmploymentPlanEndpoints
{
    [WolverinePost("/cases/{id}/employment-plan"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Write the worker's employment plan (goals and actions), or a new version of it for approval")]
    public static (CaseChanged, Events) Post(
        WriteEmploymentPlanRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);

    [WolverinePost("/cases/{id}/employment-plan/approval"), Idempotent]
    [Authorize(Policy = AccessPolicies.Supervisors)]
    [Tags("Journey")]
    [EndpointSummary("Approve the current version of the employment plan (the office's supervisor, never its author)")]
    public static (CaseChanged, Events) Post(
        ApproveEmploymentPlanRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}
