using Wolverine.Http;

namespace Counseling.Api.Infrastructure;

/// <summary>
/// A write that a client may retry with the same <c>Idempotency-Key</c> header: the retry gets the first answer
/// (status, body, Location, and the ETag its version gives) and appends nothing; the same key with a different request
/// gets 422. A key belongs to its caller (the token's <c>sub</c>) and route: another caller presenting it starts a
/// request of their own, with every access check. Before a stored answer is replayed, the caller's role, registration
/// and certificate (authorization) and their access to the case (<see cref="CheckedReplays"/>) are checked again.
/// The key's record is written in the write's own transaction (see CounselingService), so an acknowledged write and
/// its key commit together. Requests without the header are not deduplicated.
/// </summary>
public sealed class IdempotentAttribute : DeduplicatedWithResponseAttribute
{
    public IdempotentAttribute() : base(DeduplicationScope.User | DeduplicationScope.Endpoint) => Required = false;
}
