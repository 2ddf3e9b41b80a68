using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.ReferenceData.Registration;

public sealed record CertificateRequest(string? Number, DateOnly? IssuedOn, DateOnly? ExpiresOn);

public sealed record RegisterCounselorRequest(string? FullName, string? OfficeId, CertificateRequest? Certificate);

public sealed class RegisterCounselorValidator : AbstractValidator<RegisterCounselorRequest>
{
    public RegisterCounselorValidator()
    {
        RuleFor(r => r.FullName).RequiredText(200);
        RuleFor(r => r.OfficeId).Identifier();
        RuleFor(r => r.Certificate).NotNull().DependentRules(() =>
        {
            RuleFor(r => r.Certificate!.Number).RequiredText(50);
            RuleFor(r => r.Certificate!.IssuedOn).NotNull();
            RuleFor(r => r.Certificate!.ExpiresOn).NotNull()
                .GreaterThan(r => r.Certificate!.IssuedOn).WithMessage("A certificate expires after it is issued.");
        });
    }
}

/// <summary>Administrators register counselors with their certification, and renew it.</summary>
public static class RegisterCounselorEndpoint
{
    private static readonly RegisterCounselorValidator Validator = new();

    public static async Task<ProblemDetails> ValidateAsync(
        string id, RegisterCounselorRequest request, IDocumentSession session, CancellationToken cancellation)
    {
        // The id becomes a document id that tokens, URLs and cases name: the same rule as ids in bodies.
        if (!ValidationRules.IsIdentifier(id))
            return Problems.InvalidQuery("id", "The counselor id in the path is an id of lower-case letters, digits and '-', at most 64 characters.");
        var invalid = Problems.Validate(Validator, request);
        if (!ReferenceEquals(invalid, WolverineContinue.NoProblems)) return invalid;
        return await session.LoadAsync<Office>(request.OfficeId!, cancellation) is null
            ? Problems.InvalidQuery("officeId", $"There is no office {request.OfficeId}.")
            : WolverineContinue.NoProblems;
    }

    [WolverinePut("/counselors/{id}")]
    [Authorize(Policy = AccessPolicies.Administrators)]
    [Tags("Reference data")]
    [EndpointSummary("Register a counselor at an office with their certificate, or renew the certificate")]
    public static Counselor Put(string id, RegisterCounselorRequest request, IDocumentSession session, CounselorRegistry registry)
    {
        var certificate = request.Certificate!;
        var counselor = new Counselor(id, request.FullName!, request.OfficeId!,
            new CounselorCertificate(certificate.Number!, certificate.IssuedOn!.Value, certificate.ExpiresOn!.Value));
        session.Store(counselor);
        registry.Forget(id);
        return counselor;
    }
}
