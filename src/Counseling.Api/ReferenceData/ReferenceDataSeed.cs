using System.Text.Json;
using Marten;
using Marten.Schema;

namespace Counseling.Api.ReferenceData;

/// <summary>
/// Loads offices, counselors and supervisors from the seeds folder (copied beside the service) at start-up. Offices
/// are stored as the seeds say; a counselor or supervisor only when not yet registered, so a registration, certificate
/// renewal or office move made through the API survives a restart. Starting again, or several processes starting at once, changes nothing.
/// </summary>
public sealed class ReferenceDataSeed : IInitialData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string SeedsFolder => Path.Combine(AppContext.BaseDirectory, "seeds");

    public async Task Populate(IDocumentStore store, CancellationToken cancellation)
    {
        var offices = await ReadAsync<Office>("offices.json", cancellation);
        var counselors = await ReadAsync<Counselor>("counselors.json", cancellation);
        var supervisors = await ReadAsync<Supervisor>("supervisors.json", cancellation);

        await using var session = store.LightweightSession();
        var registered = (await session.LoadManyAsync<Counselor>(cancellation, counselors.Select(c => c.Id).ToArray()))
            .Select(c => c.Id).ToHashSet();
        session.Store(offices);
        // A counselor first registered from the seeds is recorded as such, like a registration through the API.
        CounselorStreams.StampSeed(session);
        foreach (var counselor in counselors.Where(c => !registered.Contains(c.Id)))
            await CounselorStreams.RegisterAsync(session, null, counselor, cancellation);
        var registeredSupervisors = (await session.LoadManyAsync<Supervisor>(cancellation, supervisors.Select(s => s.Id).ToArray()))
            .Select(s => s.Id).ToHashSet();
        session.Store(supervisors.Where(s => !registeredSupervisors.Contains(s.Id)).ToArray());
        await session.SaveChangesAsync(cancellation);
    }

    private static async Task<T[]> ReadAsync<T>(string file, CancellationToken cancellation)
    {
        await using var stream = File.OpenRead(Path.Combine(SeedsFolder, file));
        return await JsonSerializer.DeserializeAsync<T[]>(stream, Json, cancellation)
            ?? throw new InvalidDataException($"{file} in {SeedsFolder} holds no list.");
    }
}
