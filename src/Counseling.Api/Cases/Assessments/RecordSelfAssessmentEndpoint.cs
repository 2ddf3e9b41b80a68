using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Assessments;
using FluentValidation;
using JasperFx.Events;
using Wolverine.Http;

namespace Counseling.Api.Cases.Assessments;

/// <summary>The worker's self-assessment (asesmen diri): education, skills, interests, recommended KBJI occupations and readiness.</summary>
public sealed record RecordSelfAssessmentRequest(
    DateOnly? AssessedOn,
    EducationLevel? EducationLevel,
    IReadOnlyList<string>? Skills,
    IReadOnlyList<string>? Interests,
    string? WorkPreferences,
    IReadOnlyList<string>? RecommendedOccupations,
    Readiness? Readiness)
{
    public RecordSelfAssessment ToCommand(Guid assessmentId) => new(
        assessmentId, AssessedOn!.Value, EducationLevel!.Value, Skills ?? [], Interests ?? [],
        WorkPreferences ?? "", RecommendedOccupations ?? [], Readiness!.Value);
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
            .WithMessage("A recommended occupation is a 4-digit KBJI 2014 unit-group code, such as 7223.");
    }
}

public static class RecordSelfAssessmentEndpoint
{
    private static readonly RecordSelfAssessmentValidator Validator = new();

    public static (Decision, ProblemDetails) Before(
        RecordSelfAssessmentRequest request, IEventStream<CounselingCase> stream, HttpRequest http, TimeProvider clock) =>
        CaseWrites.Decide(Validator, request, stream, http,
            current => current.Record(request.ToCommand(Guid.CreateVersion7()), clock.GetUtcNow()));

    [WolverinePost("/cases/{id}/assessments"), Idempotent]
    [Authorize(Policy = AccessPolicies.Counselors)]
    [Tags("Journey")]
    [EndpointSummary("Record the worker's self-assessment (asesmen diri); a case may be re-assessed")]
    public static CaseChanged Post(
        Guid id,
        RecordSelfAssessmentRequest request,
        Decision decision,
        [WriteCase] IEventStream<CounselingCase> stream,
        HttpResponse response) =>
        CaseWrites.Append(stream, decision, response);
}
