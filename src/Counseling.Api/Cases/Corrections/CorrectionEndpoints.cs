using Counseling.Api.Localization;
using System.Text.Json.Serialization;
using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Corrections;
using FluentValidation;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.Corrections;

/// <summary>What a correction amends.</summary>
public enum CorrectionTarget
{
    /// <summary>A session's time (<c>heldAt</c>) or length (<c>durationMinutes</c>), named by <c>sessionId</c>.</summary>
    Session,
    /// <summary>The employer of a job referral, named by <c>referralId</c>.</summary>
    JobReferral,
    /// <summary>The worker's phone number.</summary>
    WorkerPhone,
}

/// <summary>One correction: the target, the fields that target takes, and why.</summary>
public sealed record CorrectEntryRequest(
    CorrectionTarget? Target,
    Guid? SessionId,
    DateTimeOffset? HeldAt,
    int? DurationMinutes,
    Guid? ReferralId,
    string? Employer,
    string? Phone,
    string? Reason) : ICaseStepRequest
{
    public async ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) => Target switch
    {
        CorrectionTarget.Session => new CorrectSession(SessionId!.Value, HeldAt, DurationMinutes, Reason!, await context.SessionsAsync()),
        CorrectionTarget.JobReferral => new CorrectJobReferral(ReferralId!.Value, Employer!, Reason!),
        _ => new CorrectWorkerPhone(Phone!, Reason!),
    };
}

public sealed class CorrectEntryValidator : AbstractValidator<CorrectEntryRequest>
{
    public CorrectEntryValidator()
    {
        RuleFor(r => r.Target).NotNull().IsInEnum();
        RuleFor(r => r.Reason).RequiredText(2000);
        When(r => r.Target == CorrectionTarget.Session, () =>
        {
            RuleFor(r => r.SessionId).NotNull();
            RuleFor(r => r.DurationMinutes).InclusiveBetween(1, 480).WithMessage(_ => Texts.Get("Validation.SessionDuration"));
            RuleFor(r => r).Must(r => r.HeldAt is not null || r.DurationMinutes is not null)
                .OverridePropertyName("durationMinutes").WithMessage(_ => Texts.Get("Validation.CorrectSomething"));
        });
        When(r => r.Target == CorrectionTarget.JobReferral, () =>
        {
            RuleFor(r => r.ReferralId).NotNull();
            RuleFor(r => r.Employer).RequiredText(200);
        });
        When(r => r.Target == CorrectionTarget.WorkerPhone, () =>
            RuleFor(r => r.Phone).NotEmpty().Matches(@"^\+?[0-9]{8,15}$").WithMessage(_ => Texts.Get("Validation.Phone")));
    }
}

public static class CorrectionEndpoints
{
    [WolverinePost("/cases/{id}/corrections"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Correct a recorded fact (a session's time or length, a referral's employer, the worker's phone), saying why")]
    public static (CaseChanged, Events) Post(
        CorrectEntryRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}
