using Counseling.Api.Localization;
using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.JobSearch;
using FluentValidation;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.JobSearch;

// The JKP benefit's evidence: the worker's commitment to look for work, then what they did each month. Each benefit
// month's status follows from these (see Counseling.Domain.Cases.Benefit.JkpBenefit).

/// <summary>The day the worker committed to an active job search.</summary>

public sealed record MakeJobSearchCommitmentRequest(DateOnly? CommittedOn) : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) => new(new MakeJobSearchCommitment(CommittedOn!.Value));
}

public sealed class MakeJobSearchCommitmentValidator : AbstractValidator<MakeJobSearchCommitmentRequest>
{
    public MakeJobSearchCommitmentValidator() => RuleFor(r => r.CommittedOn).NotNull();
}

/// <summary>One job-search activity: its kind, its day, and the employer or programme (with attendance for training).</summary>
/// <param name="Employer">Where the worker applied or was called (applications, interview and selection-test calls).</param>
/// <param name="Programme">The training attended, with <paramref name="AttendancePercent"/> over the month.</param>
public sealed record RecordJobSearchActivityRequest(
    JobSearchActivityKind? Kind, DateOnly? On, string? Employer, string? Programme, int? AttendancePercent) : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) =>
        new(new RecordJobSearchActivity(context.NewId(), Kind!.Value, On!.Value, Blank(Employer), Blank(Programme), AttendancePercent));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

public sealed class RecordJobSearchActivityValidator : AbstractValidator<RecordJobSearchActivityRequest>
{
    private static readonly JobSearchActivityKind[] AtAnEmployer =
        [JobSearchActivityKind.Application, JobSearchActivityKind.InterviewCall, JobSearchActivityKind.SelectionTestCall];

    public RecordJobSearchActivityValidator()
    {
        RuleFor(r => r.Kind).NotNull().IsInEnum();
        RuleFor(r => r.On).NotNull();
        RuleFor(r => r.Employer).MaximumLength(200);
        RuleFor(r => r.Programme).MaximumLength(200);
        When(r => r.Kind is { } kind && AtAnEmployer.Contains(kind), () =>
        {
            RuleFor(r => r.Employer).NotEmpty().WithMessage(_ => Texts.Get("Validation.EmployerRequired"));
            RuleFor(r => r.AttendancePercent).Null().WithMessage(_ => Texts.Get("Validation.AttendanceForTrainingOnly"));
        });
        When(r => r.Kind == JobSearchActivityKind.TrainingAttendance, () =>
        {
            RuleFor(r => r.Programme).NotEmpty().WithMessage(_ => Texts.Get("Validation.ProgrammeRequired"));
            RuleFor(r => r.AttendancePercent).NotNull().InclusiveBetween(0, 100);
        });
        When(r => r.Kind == JobSearchActivityKind.EmploymentStatusReport, () =>
            RuleFor(r => r.AttendancePercent).Null().WithMessage(_ => Texts.Get("Validation.AttendanceForTrainingOnly")));
    }
}

/// <summary>The answer to a recorded activity: the case's new version and the activity's id.</summary>
public sealed record JobSearchActivityAdded(Guid Id, long Version, Guid ActivityId);

public static class JobSearchEndpoints
{
    [WolverinePost("/cases/{id}/job-search-commitment"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record the worker's commitment to an active job search, which every JKP benefit month needs")]
    public static (CaseChanged, Events) Post(
        MakeJobSearchCommitmentRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);

    [WolverinePost("/cases/{id}/job-search-activities"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record job-search evidence: an application, an interview or selection-test call, training attendance, or the employment-status report")]
    public static (JobSearchActivityAdded, Events) Post(
        RecordJobSearchActivityRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response)
    {
        var (changed, events) = CaseStepMiddleware.Accepted(stream, decision, response);
        var activityId = decision.Events.OfType<JobSearchActivityRecorded>().Single().ActivityId;
        return (new JobSearchActivityAdded(changed.Id, changed.Version, activityId), events);
    }
}
