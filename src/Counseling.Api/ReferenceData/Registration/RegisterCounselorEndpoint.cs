using Counseling.Api.Localization;
using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.ReferenceData.Registration;

/// <summary>A counselor's certificate (sertifikat Pengantar Kerja): its number and validity.</summary>
public sealed record CertificateRequest(string? Number, DateOnly? IssuedOn, DateOnly? ExpiresOn);

/// <summary>A counselor to register at an office, or whose certificate to renew.</summary>
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
                .GreaterThan(r => r.Certificate!.IssuedOn).WithMessage(_ => Texts.Get("Validation.CertificateExpiry"));
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
        var invalid = await RegistrationChecks.ValidateAsync("counselor", id, Validator, request, request.OfficeId, session, cancellation);
        if (!ReferenceEquals(invalid, WolverineContinue.NoProblems)) return invalid;
        return await OfficeMove.RefusalForAsync(id, request.OfficeId!, session, cancellation) ?? WolverineContinue.NoProblems;
    }

    [WolverinePut("/counselors/{id}")]
    [Authorize(Policy = AccessPolicies.Administrators)]
    [Tags("Reference data")]
    [EndpointSummary("Register a counselor at an office with their certificate, renew the certificate, or move them to another office; each change is recorded as an event")]
    public static async Task<Counselor> Put(
        string id, RegisterCounselorRequest request, IDocumentSession session, CounselorRegistry registry, CancellationToken cancellation)
    {
        var certificate = request.Certificate!;
        var counselor = new Counselor(id, request.FullName!, request.OfficeId!,
            new CounselorCertificate(certificate.Number!, certificate.IssuedOn!.Value, certificate.ExpiresOn!.Value));
        await CounselorStreams.RegisterAsync(session, await session.LoadAsync<Counselor>(id, cancellation), counselor, cancellation);
        RegistryRefresh.ForgetAfterCommit(session, registry, id);
        return counselor;
    }
}
