using System.Text.Json;
using Marten;
using Marten.Schema;

namespace Counseling.Api.ReferenceData;

/// <summary>
/// Loads offices and counselors from the seeds folder (copied beside the service) at start-up.
/// Storing is an upsert by id, so starting again, or several processes starting at once, changes nothing.
/// </summary>
public sealed class ReferenceDataSeed : IInitialData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string SeedsFolder => Path.Combine(AppContext.BaseDirectory, "seeds");

    public async Task Populate(IDocumentStore store, CancellationToken cancellation)
    {
        var offices = await ReadAsync<Office>("offices.json", cancellation);
        var counselors = await ReadAsync<Counselor>("counselors.json", cancellation);

        await using var session = store.LightweightSession();
        session.Store(offices);
        session.Store(counselors);
        await session.SaveChangesAsync(cancellation);
    }

    private static async Task<T[]> ReadAsync<T>(string file, CancellationToken cancellation)
    {
        await using var stream = File.OpenRead(Path.Combine(SeedsFolder, file));
        return await JsonSerializer.DeserializeAsync<T[]>(stream, Json, cancellation)
            ?? throw new InvalidDataException($"{file} in {SeedsFolder} holds no list.");
    }
}
