using Counseling.Api.Localization;
using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Counseling.Api.Audit.Checkpoints;

/// <summary>The public keys that check checkpoint signatures, by key id.</summary>

public sealed record CheckpointKeys(IReadOnlyList<CheckpointPublicKey> Keys);

public static class CheckpointEndpoints
{
    [WolverineGet("/audit/checkpoint")]
    [Authorize(Policy = AccessPolicies.Auditors)]
    [Tags("Audit")]
    [EndpointSummary("A signed commitment to every event recorded so far (also archived outside the database)")]
    public static Task<Checkpoint> Get(CheckpointLedger ledger, CancellationToken cancellation) => ledger.IssueAsync(cancellation);

    [WolverineGet("/audit/checkpoint-keys")]
    [Authorize(Policy = AccessPolicies.Auditors)]
    [Tags("Audit")]
    [EndpointSummary("The public keys that check checkpoint signatures, by key id")]
    public static CheckpointKeys CheckpointKeys(CheckpointSigner signer) => new(signer.PublicKeys);

    private static readonly CheckpointValidator Validator = new();

    /// <summary>Every field a checkpoint body gets wrong, by name; an absent body names <c>body</c>.</summary>
    internal static ProblemDetails InvalidFieldOf(Checkpoint? checkpoint) => checkpoint is null
        ? Problems.InvalidQuery("body", Texts.Get("Query.CheckpointBody"))
        : Problems.Validate(Validator, checkpoint);

    [WolverinePost("/audit/verify")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json",
        Description = "The checkpoint is not authentic: it names a key the service does not know, or its signature does not check.")]
    [Authorize(Policy = AccessPolicies.Auditors)]
    [Tags("Audit")]
    [EndpointSummary("Check the stored history against an earlier checkpoint; name each stream, version and kind of change")]
    public static async Task<IResult> VerifyAgainstCheckpoint(Checkpoint checkpoint, CheckpointVerifier verifier, CancellationToken cancellation)
    {
        var invalid = InvalidFieldOf(checkpoint);
        if (!ReferenceEquals(invalid, WolverineContinue.NoProblems)) return Results.Problem(invalid);
        if (await verifier.RefusalAsync(checkpoint, cancellation) is { } refusal) return NotAuthentic(refusal);
        return Results.Ok(await verifier.VerifyAsync(checkpoint, cancellation));
    }

    /// <summary>The 422 for a checkpoint whose key, store or signature does not check (<see cref="CheckpointVerifier.RefusalAsync"/>).</summary>
    public static IResult NotAuthentic(string refusal) => Results.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = Texts.Get("Problem.CheckpointNotAuthentic"),
        Detail = refusal,
        Type = "https://jkp-counseling.example/problems/checkpoint-not-authentic",
    });
}

public sealed class CheckpointValidator : AbstractValidator<Checkpoint>
{
    public CheckpointValidator()
    {
        RuleFor(c => c.Sequence).NotNull().GreaterThanOrEqualTo(0).WithMessage(_ => Texts.Get("Validation.CheckpointSequence"));
        RuleFor(c => c.Head).NotNull().Length(64).Matches("^[0-9a-f]{64}$").WithMessage(_ => Texts.Get("Validation.CheckpointHead"));
        RuleFor(c => c.IssuedAt).NotEmpty().MaximumLength(40).WithMessage(_ => Texts.Get("Validation.CheckpointIssuedAt"));
        RuleFor(c => c.KeyId).NotEmpty().MaximumLength(64).WithMessage(_ => Texts.Get("Validation.CheckpointKeyId"));
        RuleFor(c => c.Signature).NotEmpty().MaximumLength(200).WithMessage(_ => Texts.Get("Validation.CheckpointSignature"));
        // Format v2: both or neither (a v1 checkpoint has neither).
        RuleFor(c => c.StoreId).Must(id => id is null || Guid.TryParseExact(id, "D", out _)).WithMessage(_ => Texts.Get("Validation.CheckpointStoreId"));
        RuleFor(c => c.StreamsDigest).Matches("^[0-9a-f]{64}$").When(c => c.StreamsDigest is not null)
            .WithMessage(_ => Texts.Get("Validation.CheckpointStreamsDigest"));
        RuleFor(c => c.StreamsDigest).NotNull().When(c => c.StoreId is not null).WithMessage(_ => Texts.Get("Validation.CheckpointStreamsDigest"));
    }
}
