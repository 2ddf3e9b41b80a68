using Wolverine.Http;

namespace Counseling.Api.Infrastructure;

/// <summary>
/// A write that a client may retry with the same <c>Idempotency-Key</c> header: the retry gets the first answer
/// and appends nothing; the same key with a different request gets 422. The key's record is written in the
/// write's own transaction (see HttpConfiguration), so an acknowledged write and its key commit together.
/// Requests without the header are not deduplicated.
/// </summary>
public sealed class IdempotentAttribute : DeduplicatedWithResponseAttribute
{
    public IdempotentAttribute() : base(DeduplicationScope.Endpoint) => Required = false;
}
