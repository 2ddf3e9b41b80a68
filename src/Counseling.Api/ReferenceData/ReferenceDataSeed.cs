using System.Text.Json;
using Marten;
using Marten.Schema;

namespace Counseling.Api.ReferenceData;

/// <summary>
/// Loads offices, counselors, supervisors, administrators and auditors from the seeds folder (copied beside the service) at start-up. Offices
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
        var administrators = await ReadAsync<Administrator>("administrators.json", cancellation);
        var auditors = await ReadAsync<Auditor>("auditors.json", cancellation);

        await using var session = store.LightweightSession();
        var registered = (await session.LoadManyAsync<Counselor>(cancellation, counselors.Select(c => c.Id).ToArray()))
            .Select(c => c.Id).ToHashSet();
        session.Store(offices);
        // A counselor first registered from the seeds is recorded as such, like a registration through the API.
        CounselorStreams.StampSeed(session);
        foreach (var counselor in counselors.Where(c => !registered.Contains(c.Id)))
            await CounselorStreams.RegisterAsync(session, null, counselor, cancellation);
        await RegisterNewAsync(session, supervisors, s => s.Id, cancellation);
        await RegisterNewAsync(session, administrators, a => a.Id, cancellation);
        await RegisterNewAsync(session, auditors, a => a.Id, cancellation);
        await session.SaveChangesAsync(cancellation);
    }

    /// <summary>Those not registered yet, recorded as registered by the seed (one registered before, or since through the API, is left as it is).</summary>
    private static async Task RegisterNewAsync<T>(IDocumentSession session, T[] people, Func<T, string> id, CancellationToken cancellation) where T : class
    {
        var registered = (await session.LoadManyAsync<T>(cancellation, people.Select(id).ToArray())).Select(id).ToHashSet();
        foreach (var person in people.Where(p => !registered.Contains(id(p))))
            await OfficialStreams.RegisterAsync(session, null, person, cancellation);
    }

    private static async Task<T[]> ReadAsync<T>(string file, CancellationToken cancellation)
    {
        await using var stream = File.OpenRead(Path.Combine(SeedsFolder, file));
        return await JsonSerializer.DeserializeAsync<T[]>(stream, Json, cancellation)
            ?? throw new InvalidDataException($"{file} in {SeedsFolder} holds no list.");
    }
}
