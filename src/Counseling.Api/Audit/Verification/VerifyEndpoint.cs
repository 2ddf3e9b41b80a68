using Counseling.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.Audit.Verification;

public static class VerifyEndpoint
{
    [WolverineGet("/audit/verify")]
    [Authorize(Policy = AccessPolicies.Auditors)]
    [Tags("Audit")]
    [EndpointSummary("Recompute every event seal and every projection from the events; list each disagreement")]
    public static Task<VerificationReport> Get(StoreVerifier verifier, CancellationToken cancellation) =>
        verifier.VerifyAsync(cancellation);
}
