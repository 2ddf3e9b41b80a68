using Counseling.Api.Localization;
using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Assessments;
using FluentValidation;
using JasperFx.Events;
using Wolverine.Http;
using Wolverine.Marten;

namespace Counseling.Api.Cases.Assessments;

/// <summary>The worker's self-assessment (asesmen diri): education, skills, interests, recommended KBJI occupations and readiness.</summary>
public sealed record RecordSelfAssessmentRequest(
    DateOnly? AssessedOn,
    EducationLevel? EducationLevel,
    IReadOnlyList<string>? Skills,
    IReadOnlyList<string>? Interests,
    string? WorkPreferences,
    IReadOnlyList<string>? RecommendedOccupations,
    Readiness? Readiness) : ICaseStepRequest
{
    public ValueTask<ICaseCommand> ToCommandAsync(CaseStepContext context) => new(new RecordSelfAssessment(
        context.NewId(), AssessedOn!.Value, EducationLevel!.Value, Skills ?? [], Interests ?? [],
        WorkPreferences ?? "", RecommendedOccupations ?? [], Readiness!.Value));
}

public sealed class RecordSelfAssessmentValidator : AbstractValidator<RecordSelfAssessmentRequest>
{
    public RecordSelfAssessmentValidator()
    {
        RuleFor(r => r.AssessedOn).NotNull();
        RuleFor(r => r.EducationLevel).NotNull().IsInEnum();
        RuleFor(r => r.Readiness).NotNull().IsInEnum();
        RuleFor(r => r.Skills).ListOfText(50, 200);
        RuleFor(r => r.Interests).ListOfText(50, 200);
        RuleFor(r => r.WorkPreferences).MaximumLength(2000);
        RuleFor(r => r.RecommendedOccupations).ListOfText(20, 10);
        RuleForEach(r => r.RecommendedOccupations).Matches("^[0-9]{4}$")
            .WithMessage(_ => Texts.Get("Validation.RecommendedOccupation"));
    }
}

public static class RecordSelfAssessmentEndpoint
{


    [WolverinePost("/cases/{id}/assessments"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record the worker's self-assessment (asesmen diri); a case may be re-assessed")]
    public static (CaseChanged, Events) Post(
        RecordSelfAssessmentRequest request, Decision decision, [WriteCase] IEventStream<CounselingCase> stream, HttpResponse response) =>
        CaseStepMiddleware.Accepted(stream, decision, response);
}
