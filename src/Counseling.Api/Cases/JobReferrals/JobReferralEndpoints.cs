using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.JobReferrals;
using FluentValidation;
using JasperFx.Events;
using Wolverine.Http;

namespace Counseling.Api.Cases.JobReferrals;

/// <summary>A referral to a vacancy: its reference, employer, position and the day of the referral.</summary>
public sealed record ReferToJobRequest(string? VacancyReference, string? Employer, string? Position, DateOnly? ReferredOn)
{
    public ReferToJob ToCommand(Guid referralId) => new(referralId, VacancyReference!, Employer!, Position!, ReferredOn!.Value);
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

public static class ReferToJobEndpoint
{
    private static readonly ReferToJobValidator Validator = new();

    public static (Decision, ProblemDetails) Before(
        ReferToJobRequest request, IEventStream<CounselingCase> stream, HttpRequest http, TimeProvider clock) =>
        CaseWrites.Decide(Validator, request, stream, http,
            current => current.Refer(request.ToCommand(Guid.CreateVersion7()), clock.GetUtcNow()));

    [WolverinePost("/cases/{id}/job-referrals"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Refer the worker to a vacancy; answers the referral's id")]
    public static ReferralMade Post(
        Guid id,
        ReferToJobRequest request,
        Decision decision,
        [WriteCase] IEventStream<CounselingCase> stream,
        HttpResponse response) =>
        ReferralMade.From(CaseWrites.Append(stream, decision, response), decision.Events.OfType<JobReferralMade>().Single().ReferralId);
}

/// <summary>What came of a job referral, and on which day.</summary>
public sealed record RecordJobReferralOutcomeRequest(JobReferralOutcome? Outcome, DateOnly? On);

public sealed class RecordJobReferralOutcomeValidator : AbstractValidator<RecordJobReferralOutcomeRequest>
{
    public RecordJobReferralOutcomeValidator()
    {
        RuleFor(r => r.Outcome).NotNull().IsInEnum();
        RuleFor(r => r.On).NotNull();
    }
}

public static class RecordJobReferralOutcomeEndpoint
{
    private static readonly RecordJobReferralOutcomeValidator Validator = new();

    public static (Decision, ProblemDetails) Before(
        Guid referralId, RecordJobReferralOutcomeRequest request, IEventStream<CounselingCase> stream, HttpRequest http, TimeProvider clock) =>
        CaseWrites.Decide(Validator, request, stream, http,
            current => current.RecordOutcome(
                new RecordJobReferralOutcome(referralId, request.Outcome!.Value, request.On!.Value), clock.GetUtcNow()));

    [WolverinePost("/cases/{id}/job-referrals/{referralId}/outcome"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record what came of a job referral: interview scheduled, hired, rejected, no-show or withdrawn")]
    public static CaseChanged Post(
        Guid id,
        Guid referralId,
        RecordJobReferralOutcomeRequest request,
        Decision decision,
        [WriteCase] IEventStream<CounselingCase> stream,
        HttpResponse response) =>
        CaseWrites.Append(stream, decision, response);
}
