using Marten;

namespace Counseling.Api.Audit.Verification;

/// <summary>
/// Compares one projection's stored documents with what the events make of them, reporting each difference.
/// Every projection registers one, so that verify covers them all.
/// </summary>
public interface IProjectionCheck
{
    string ProjectionName { get; }

    /// <returns>How many documents were compared.</returns>
    Task<long> CheckAsync(IQuerySession session, Action<Mismatch> report, CancellationToken cancellation);
}
