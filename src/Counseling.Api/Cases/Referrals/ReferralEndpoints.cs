using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.JobReferrals;
using Counseling.Domain.Cases.TrainingReferrals;
using FluentValidation;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.Referrals;

// Job and training referrals share one shape: a referral made (answering its id), then outcomes recorded against
// that id until it ends. What differs is the body of the referral and the outcomes each kind may have.

/// <summary>The vacancy the worker is referred to: its reference, employer, position and day.</summary>

public sealed record ReferToJobRequest(string? VacancyReference, string? Employer, string? Position, DateOnly? ReferredOn)
    : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) =>
        new(new ReferToJob(context.NewId(), VacancyReference!, Employer!, Position!, ReferredOn!.Value));
}

public sealed class ReferToJobValidator : AbstractValidator<ReferToJobRequest>
{
    public ReferToJobValidator()
    {
        RuleFor(r => r.VacancyReference).RequiredText(100);
        RuleFor(r => r.Employer).RequiredText(200);
        RuleFor(r => r.Position).RequiredText(200);
        RuleFor(r => r.ReferredOn).NotNull();
    }
}

/// <summary>The training the worker is referred to: provider, programme, kind and start.</summary>

public sealed record ReferToTrainingRequest(string? Provider, string? Programme, TrainingKind? Kind, DateOnly? StartsOn)
    : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) =>
        new(new ReferToTraining(context.NewId(), Provider!, Programme!, Kind!.Value, StartsOn!.Value));
}

public sealed class ReferToTrainingValidator : AbstractValidator<ReferToTrainingRequest>
{
    public ReferToTrainingValidator()
    {
        RuleFor(r => r.Provider).RequiredText(200);
        RuleFor(r => r.Programme).RequiredText(200);
        RuleFor(r => r.Kind).NotNull().IsInEnum();
        RuleFor(r => r.StartsOn).NotNull();
    }
}

/// <summary>What came of a referral, recorded against the referral's id in the route.</summary>
public abstract record RecordReferralOutcomeRequest<TOutcome>(TOutcome? Outcome, DateOnly? On) : ICaseStepRequest
    where TOutcome : struct, Enum
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) =>
        new(ToCommand(context.RouteId("referralId"), Outcome!.Value, On!.Value));

    protected abstract ICaseCommand ToCommand(Guid referralId, TOutcome outcome, DateOnly on);
}

public abstract class RecordReferralOutcomeValidator<TRequest, TOutcome> : AbstractValidator<TRequest>
    where TRequest : RecordReferralOutcomeRequest<TOutcome>
    where TOutcome : struct, Enum
{
    protected RecordReferralOutcomeValidator()
    {
        RuleFor(r => r.Outcome).NotNull().IsInEnum();
        RuleFor(r => r.On).NotNull();
    }
}

/// <summary>What came of a job referral, and when.</summary>

public sealed record RecordJobReferralOutcomeRequest(JobReferralOutcome? Outcome, DateOnly? On)
    : RecordReferralOutcomeRequest<JobReferralOutcome>(Outcome, On)
{
    protected override ICaseCommand ToCommand(Guid referralId, JobReferralOutcome outcome, DateOnly on) =>
        new RecordJobReferralOutcome(referralId, outcome, on);
}

public sealed class RecordJobReferralOutcomeValidator : RecordReferralOutcomeValidator<RecordJobReferralOutcomeRequest, JobReferralOutcome>;

/// <summary>What came of a training referral, and when.</summary>

public sealed record RecordTrainingOutcomeRequest(TrainingOutcome? Outcome, DateOnly? On)
    : RecordReferralOutcomeRequest<TrainingOutcome>(Outcome, On)
{
    protected override ICaseCommand ToCommand(Guid referralId, TrainingOutcome outcome, DateOnly on) =>
        new RecordTrainingOutcome(referralId, outcome, on);
}

public sealed class RecordTrainingOutcomeValidator : RecordReferralOutcomeValidator<RecordTrainingOutcomeRequest, TrainingOutcome>;

/// <summary>The answer to a referral: the case's new version and the referral's id, for its outcome later.</summary>
public sealed record ReferralMade(Guid Id, long Version, Guid ReferralId)
{
    public static (ReferralMade, Events) Accepted(IEventStream<CounselingCase> stream, Decision decision, HttpResponse response)
    {
        var (changed, events) = CaseStepMiddleware.Accepted(stream, decision, response);
        var referralId = decision.Events.OfType<IReferralMade>().Single().ReferralId;
        return (new ReferralMade(changed.Id, changed.Version, referralId), events);
    }
}

public static class ReferralEndpoints
{
    [WolverinePost("/cases/{id}/job-referrals"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Refer the worker to a vacancy; answers the referral's id")]
    public static (ReferralMade, Events) Post(
        ReferToJobRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        ReferralMade.Accepted(stream, decision, response);

    [WolverinePost("/cases/{id}/job-referrals/{referralId}/outcome"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record what came of a job referral: interview scheduled, hired, rejected, no-show or withdrawn")]
    public static (CaseChanged, Events) Post(
        Guid referralId, RecordJobReferralOutcomeRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);

    [WolverinePost("/cases/{id}/training-referrals"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Refer the worker to a BLK course, an apprenticeship or a competency test; answers the referral's id")]
    public static (ReferralMade, Events) Post(
        ReferToTrainingRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        ReferralMade.Accepted(stream, decision, response);

    [WolverinePost("/cases/{id}/training-referrals/{referralId}/outcome"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record a training outcome: started, completed, dropped out, certified competent or not yet competent")]
    public static (CaseChanged, Events) Post(
        Guid referralId, RecordTrainingOutcomeRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}
