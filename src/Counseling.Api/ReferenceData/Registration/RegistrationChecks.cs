using Counseling.Domain;
using Counseling.Domain.Cases;
using Counseling.Api.Localization;
using Counseling.Api.Infrastructure;
using FluentValidation;
using Marten;
using Wolverine.Http;

namespace Counseling.Api.ReferenceData.Registration;

/// <summary>What every registration (a counselor's, a supervisor's) checks before it is written.</summary>
public static class RegistrationChecks
{
    /// <summary>
    /// The id in the path becomes a document id that tokens, URLs and cases name: the same rule as ids in bodies. Then
    /// the body's own validator, then the office it names must exist.
    /// </summary>
    public static async Task<ProblemDetails> ValidateAsync<TRequest>(
        string who, string id, IValidator<TRequest> validator, TRequest request, string? officeId,
        IDocumentSession session, CancellationToken cancellation)
    {
        if (!ValidationRules.IsIdentifier(id))
            return Problems.InvalidQuery("id", Texts.Get($"Query.PathId.{who}"));
        var invalid = Problems.Validate(validator, request);
        if (!ReferenceEquals(invalid, WolverineContinue.NoProblems)) return invalid;
        return await session.LoadAsync<Office>(officeId!, cancellation) is null
            ? Problems.InvalidQuery("officeId", Texts.Say(Why.NoSuchOffice.With(officeId)))
            : WolverineContinue.NoProblems;
    }
}
