using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.TrainingReferrals;
using FluentValidation;
using JasperFx.Events;
using Wolverine.Http;

namespace Counseling.Api.Cases.TrainingReferrals;

/// <summary>A referral to a BLK course, an apprenticeship or a competency test.</summary>
public sealed record ReferToTrainingRequest(string? Provider, string? Programme, TrainingKind? Kind, DateOnly? StartsOn)
{
    public ReferToTraining ToCommand(Guid referralId) => new(referralId, Provider!, Programme!, Kind!.Value, StartsOn!.Value);
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

public static class ReferToTrainingEndpoint
{
    private static readonly ReferToTrainingValidator Validator = new();

    public static (Decision, ProblemDetails) Before(
        ReferToTrainingRequest request, IEventStream<CounselingCase> stream, HttpRequest http, TimeProvider clock) =>
        CaseWrites.Decide(Validator, request, stream, http,
            current => current.Refer(request.ToCommand(Guid.CreateVersion7()), clock.GetUtcNow()));

    [WolverinePost("/cases/{id}/training-referrals"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Refer the worker to a BLK course, an apprenticeship or a competency test; answers the referral's id")]
    public static ReferralMade Post(
        Guid id,
        ReferToTrainingRequest request,
        Decision decision,
        [WriteCase] IEventStream<CounselingCase> stream,
        HttpResponse response) =>
        ReferralMade.From(CaseWrites.Append(stream, decision, response), decision.Events.OfType<TrainingReferralMade>().Single().ReferralId);
}

/// <summary>What came of a training referral, and on which day.</summary>
public sealed record RecordTrainingOutcomeRequest(TrainingOutcome? Outcome, DateOnly? On);

public sealed class RecordTrainingOutcomeValidator : AbstractValidator<RecordTrainingOutcomeRequest>
{
    public RecordTrainingOutcomeValidator()
    {
        RuleFor(r => r.Outcome).NotNull().IsInEnum();
        RuleFor(r => r.On).NotNull();
    }
}

public static class RecordTrainingOutcomeEndpoint
{
    private static readonly RecordTrainingOutcomeValidator Validator = new();

    public static (Decision, ProblemDetails) Before(
        Guid referralId, RecordTrainingOutcomeRequest request, IEventStream<CounselingCase> stream, HttpRequest http, TimeProvider clock) =>
        CaseWrites.Decide(Validator, request, stream, http,
            current => current.RecordOutcome(
                new RecordTrainingOutcome(referralId, request.Outcome!.Value, request.On!.Value), clock.GetUtcNow()));

    [WolverinePost("/cases/{id}/training-referrals/{referralId}/outcome"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record a training outcome: started, completed, dropped out, certified competent or not yet competent")]
    public static CaseChanged Post(
        Guid id,
        Guid referralId,
        RecordTrainingOutcomeRequest request,
        Decision decision,
        [WriteCase] IEventStream<CounselingCase> stream,
        HttpResponse response) =>
        CaseWrites.Append(stream, decision, response);
}
