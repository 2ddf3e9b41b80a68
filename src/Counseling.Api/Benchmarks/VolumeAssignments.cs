using System.Text.Json;
using Counseling.Api.Access;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;

namespace Counseling.Api.Benchmarks;

/// <summary>
/// The counselors volume cases are spread over: the registered ones (the reference data beside the service) whose
/// certificate is valid today, since only they may record on a case.
/// </summary>
public static class VolumeAssignments
{
    public static IReadOnlyList<VolumeJourneys.Assignment> Read(DateTimeOffset now)
    {
        var today = Wib.DateOf(now);
        using var file = File.OpenRead(Path.Combine(ReferenceDataSeed.SeedsFolder, "counselors.json"));
        var counselors = JsonSerializer.Deserialize<Counselor[]>(file, new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
        var certified = counselors
            .Where(c => c.ToRecord().MayNotRecordBecause(c.OfficeId, today) is null)
            .Select(c => new VolumeJourneys.Assignment(c.OfficeId, c.Id))
            .ToList();
        return certified.Count > 0 ? certified : throw new InvalidDataException("No counselor in the reference data holds a valid certificate.");
    }
}
