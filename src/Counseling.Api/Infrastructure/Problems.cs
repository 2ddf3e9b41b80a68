using Counseling.Domain.Cases;
using Counseling.Api.Localization;
using FluentValidation;
using FluentValidation.Results;

namespace Counseling.Api.Infrastructure;

/// <summary>RFC 9457 problem details for every way a request is refused.</summary>
public static class Problems
{
    /// <summary>Runs a FluentValidation validator; a failure becomes a 400 that names every bad field.</summary>
    public static ProblemDetails Validate<T>(IValidator<T> validator, T request)
    {
        var result = validator.Validate(request);
        return result.IsValid ? WolverineContinue.NoProblems : InvalidInput(result.Errors);
    }

    public static ProblemDetails InvalidInput(IEnumerable<ValidationFailure> failures) =>
        new HttpValidationProblemDetails(failures
            .GroupBy(f => JsonFieldName(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()))
        {
            Type = "https://jkp-counseling.example/problems/invalid-input",
            Title = Texts.Get("Problem.InvalidInput"),
            Status = StatusCodes.Status400BadRequest,
            Detail = Texts.Get("Problem.InvalidInput.Detail"),
        };

    public static ProblemDetails From(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.InvalidInput => new HttpValidationProblemDetails(
            new Dictionary<string, string[]> { [refusal.Field ?? "request"] = [Texts.Say(refusal.Sentence)] })
        {
            Type = "https://jkp-counseling.example/problems/invalid-input",
            Title = Texts.Get("Problem.InvalidInput"),
            Status = StatusCodes.Status400BadRequest,
            Detail = Texts.Say(refusal.Sentence),
        },
        RefusalKind.NotAllowed => WithField(new ProblemDetails
        {
            Type = "https://jkp-counseling.example/problems/not-allowed",
            Title = Texts.Get("Problem.NotAllowed"),
            Status = StatusCodes.Status422UnprocessableEntity,
            Detail = Texts.Say(refusal.Sentence),
        }, refusal.Field),
        RefusalKind.NotFound => WithField(new ProblemDetails
        {
            Type = "https://jkp-counseling.example/problems/not-found",
            Title = Texts.Get("Problem.NotFound"),
            Status = StatusCodes.Status404NotFound,
            Detail = Texts.Say(refusal.Sentence),
        }, refusal.Field),
        _ => new ProblemDetails
        {
            Type = "https://jkp-counseling.example/problems/conflict",
            Title = Texts.Get("Problem.Conflict"),
            Status = StatusCodes.Status409Conflict,
            Detail = Texts.Say(refusal.Sentence),
        },
    };

    public static ProblemDetails CaseNotFound(Guid caseId, string? detail = null) => new()
    {
        Type = "https://jkp-counseling.example/problems/not-found",
        Title = Texts.Get("Problem.CaseNotFound"),
        Status = StatusCodes.Status404NotFound,
        Detail = detail ?? Texts.Format("Problem.CaseNotFound.Detail", caseId),
    };

    public static ProblemDetails InvalidQuery(string parameter, string reason) =>
        new HttpValidationProblemDetails(new Dictionary<string, string[]> { [parameter] = [reason] })
        {
            Type = "https://jkp-counseling.example/problems/invalid-input",
            Title = Texts.Get("Problem.InvalidInput"),
            Status = StatusCodes.Status400BadRequest,
            Detail = reason,
        };

    private static ProblemDetails WithField(ProblemDetails problem, string? field)
    {
        if (field is not null) problem.Extensions["field"] = field;
        return problem;
    }

    /// <summary>"Worker.Nik" (FluentValidation's path) as the JSON body spells it: "worker.nik".</summary>
    private static string JsonFieldName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(segment =>
            segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));
}
