using Wolverine.Http;

namespace Counseling.Api.Audit.Verification;

public static class VerifyEndpoint
{
    [WolverineGet("/audit/verify")]
    [Tags("Audit")]
    [EndpointSummary("Recompute every event seal and every projection from the events; list each disagreement")]
    public static Task<VerificationReport> Get(StoreVerifier verifier, CancellationToken cancellation) =>
        verifier.VerifyAsync(cancellation);
}
