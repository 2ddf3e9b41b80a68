using Counseling.Domain.Cases;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Counseling.Api.Cases;

/// <summary>
/// Keeps each case's snapshot beside its events. The evolution itself lives in the domain
/// (<see cref="CounselingCase.Evolve"/>); this only adds the stream version, which the store knows.
/// </summary>
public sealed partial class CounselingCaseProjection : SingleStreamProjection<CounselingCase, Guid>
{
    public override CounselingCase? Evolve(CounselingCase? snapshot, Guid id, IEvent e) =>
        CounselingCase.Evolve(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}
