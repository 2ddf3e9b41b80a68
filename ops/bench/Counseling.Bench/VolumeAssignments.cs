using Counseling.Api.Access;
using Counseling.Seeds;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;

namespace Counseling.Bench;

/// <summary>
/// The counselors volume cases are spread over: the seeded ones, their certificates renewed to the day as the demo
/// renews them (<see cref="DemoReferenceData.RenewedFor"/>), whose certificate is valid today, since only they may
/// record on a case.
/// </summary>
public static class VolumeAssignments
{
    public static IReadOnlyList<VolumeJourneys.Assignment> Read(DateTimeOffset now, IReadOnlyList<Counselor> counselors)
    {
        var today = Wib.DateOf(now);
        var certified = counselors
            .Where(c => c.ToRecord().MayNotRecordBecause(c.OfficeId, today) is null)
            .Select(c => new VolumeJourneys.Assignment(c.OfficeId, c.Id))
            .ToList();
        return certified.Count > 0 ? certified : throw new InvalidDataException("No counselor in the reference data holds a valid certificate.");
    }
}
