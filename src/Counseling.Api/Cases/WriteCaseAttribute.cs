using Wolverine.Marten;
using Wolverine.Persistence;

namespace Counseling.Api.Cases;

/// <summary>
/// Loads a case's event stream for a write (Wolverine's aggregate-handler workflow), locked for the length of the
/// transaction so that concurrent writers to one case queue in order instead of failing, and so that If-Match is
/// compared with the version the append will follow. An unknown case id answers 404 problem details.
/// </summary>
public sealed class WriteCaseAttribute : WriteAggregateAttribute
{
    public WriteCaseAttribute()
    {
        LoadStyle = ConcurrencyStyle.Exclusive;
        OnMissing = OnMissing.ProblemDetailsWith404;
        MissingMessage = "There is no case with id {Id}.";
    }
}
