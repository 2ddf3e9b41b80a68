using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.Audit.Checkpoints;

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
    public static CheckpointKeys Keys(CheckpointSigner signer) => new(signer.PublicKeys);

    internal static ProblemDetails InvalidFieldOf(Checkpoint? checkpoint)
    {
        string? missing = checkpoint switch
        {
            null => "body",
            { Sequence: null or < 0 } => "sequence",
            { Head: null } or { Head.Length: not 64 } => "head",
            { IssuedAt: null or "" or { Length: > 40 } } => "issuedAt",
            { KeyId: null or "" or { Length: > 64 } } => "keyId",
            { Signature: null or "" or { Length: > 200 } } => "signature",
            _ => null,
        };
        return missing is null ? WolverineContinue.NoProblems
            : Problems.InvalidQuery(missing, missing switch
            {
                "body" => "The body must be a checkpoint as GET /audit/checkpoint answers it.",
                "sequence" => "sequence is required and not negative.",
                "head" => "head is required: 64 hexadecimal digits.",
                "issuedAt" => "issuedAt is required, at most 40 characters.",
                "keyId" => "keyId is required, at most 64 characters.",
                _ => "signature is required, at most 200 characters (base64).",
            });
    }

    [WolverinePost("/audit/verify")]
    [Authorize(Policy = AccessPolicies.Auditors)]
    [Tags("Audit")]
    [EndpointSummary("Check the stored history against an earlier checkpoint; name each stream, version and kind of change")]
    public static async Task<IResult> Post(Checkpoint checkpoint, CheckpointVerifier verifier, CancellationToken cancellation)
    {
        var invalid = InvalidFieldOf(checkpoint);
        if (!ReferenceEquals(invalid, WolverineContinue.NoProblems)) return Results.Problem(invalid);
        if (verifier.Refusal(checkpoint) is { } refusal)
            return Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The checkpoint's signature does not verify",
                Detail = refusal,
                Type = "https://jkp-counseling.example/problems/checkpoint-not-authentic",
            });
        return Results.Ok(await verifier.VerifyAsync(checkpoint, cancellation));
    }
}
