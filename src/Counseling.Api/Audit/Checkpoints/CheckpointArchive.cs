using System.IO.Compression;
using System.Text.Json;

namespace Counseling.Api.Audit.Checkpoints;

/// <summary>
/// Where checkpoints are kept outside the database: a directory (setting <c>Audit:Checkpoints:Directory</c>, by
/// default <c>.local/audit-checkpoints</c> under the content root), one <c>checkpoint-{sequence}.json</c> per
/// checkpoint and its <c>.streams.json.gz</c> manifest beside it. Files are written under a temporary name and
/// renamed, so a reader never sees half of one.
/// </summary>
public sealed class CheckpointArchive(string directory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Directory { get; } = directory;

    public static CheckpointArchive From(IConfiguration configuration, IHostEnvironment environment) =>
        new(configuration["Audit:Checkpoints:Directory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(environment.ContentRootPath, ".local", "audit-checkpoints"));

    private string CheckpointPath(long sequence) => Path.Combine(Directory, $"checkpoint-{sequence:D12}.json");

    private string ManifestPath(long sequence) => Path.Combine(Directory, $"checkpoint-{sequence:D12}.streams.json.gz");

    public async Task WriteAsync(Checkpoint checkpoint, StreamManifest manifest, CancellationToken cancellation)
    {
        System.IO.Directory.CreateDirectory(Directory);
        await WriteAtomicallyAsync(ManifestPath(manifest.Sequence), async stream =>
        {
            await using var zip = new GZipStream(stream, CompressionLevel.Fastest);
            await JsonSerializer.SerializeAsync(zip, manifest, Json, cancellation);
        });
        await WriteAtomicallyAsync(CheckpointPath(checkpoint.Sequence!.Value),
            stream => JsonSerializer.SerializeAsync(stream, checkpoint, Json, cancellation));
    }

    public async Task<StreamManifest?> ReadManifestAsync(long sequence, CancellationToken cancellation)
    {
        var path = ManifestPath(sequence);
        if (!File.Exists(path)) return null;
        await using var file = File.OpenRead(path);
        await using var zip = new GZipStream(file, CompressionMode.Decompress);
        return await JsonSerializer.DeserializeAsync<StreamManifest>(zip, Json, cancellation);
    }

    public async Task<Checkpoint?> ReadCheckpointAsync(long sequence, CancellationToken cancellation)
    {
        var path = CheckpointPath(sequence);
        if (!File.Exists(path)) return null;
        await using var file = File.OpenRead(path);
        try { return await JsonSerializer.DeserializeAsync<Checkpoint>(file, Json, cancellation); }
        catch (JsonException) { return null; }
    }

    /// <summary>The sequences of the checkpoints kept, oldest first.</summary>
    public IEnumerable<long> CheckpointSequences() =>
        !System.IO.Directory.Exists(Directory) ? [] :
        System.IO.Directory.EnumerateFiles(Directory, "checkpoint-*.json")
            .Select(f => Path.GetFileName(f)["checkpoint-".Length..^".json".Length])
            .Select(s => long.TryParse(s, out var n) ? n : -1)
            .Where(n => n >= 0)
            .Order();

    /// <summary>The sequences of the manifests kept, newest first.</summary>
    public IEnumerable<long> ManifestSequences() =>
        !System.IO.Directory.Exists(Directory) ? [] :
        System.IO.Directory.EnumerateFiles(Directory, "checkpoint-*.streams.json.gz")
            .Select(f => Path.GetFileName(f)["checkpoint-".Length..^".streams.json.gz".Length])
            .Select(s => long.TryParse(s, out var n) ? n : -1)
            .Where(n => n >= 0)
            .OrderDescending();

    private static async Task WriteAtomicallyAsync(string path, Func<Stream, Task> write)
    {
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await using (var stream = File.Create(temporary)) await write(stream);
        File.Move(temporary, path, overwrite: true);
    }
}
