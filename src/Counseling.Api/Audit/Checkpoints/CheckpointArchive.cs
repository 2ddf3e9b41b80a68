using System.IO.Compression;
using System.Text.Json;

namespace Counseling.Api.Audit.Checkpoints;

/// <summary>
/// Where checkpoints are kept outside the database: a directory (setting <c>Audit:Checkpoints:Directory</c>, by
/// default <c>.local/audit-checkpoints</c> under the content root), one <c>checkpoint-{storeId}-{sequence}.json</c> per
/// checkpoint and its <c>.streams.json.gz</c> manifest beside it, named by the store they were issued for so that two
/// databases on one machine never share one. Each is also delivered to <c>Audit:Checkpoints:Destination</c> when set:
/// a directory on another host (a mounted share, a directory another party syncs away), the anchor an insider on the
/// service's host cannot rewrite. Files are written under a temporary name and moved into place without overwriting:
/// nothing archived is ever replaced (a second checkpoint at the same sequence keeps the first one's files). Files of
/// format v1 (<c>checkpoint-{sequence}.json</c>) are still read for v1 checkpoints.
/// </summary>
public sealed class CheckpointArchive(string directory, string? destination = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Directory { get; } = directory;

    public string? Destination { get; } = destination;

    public static CheckpointArchive From(IConfiguration configuration, IHostEnvironment environment) =>
        new(configuration["Audit:Checkpoints:Directory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(environment.ContentRootPath, ".local", "audit-checkpoints"),
            configuration["Audit:Checkpoints:Destination"] is { Length: > 0 } destination ? destination : null);

    private static string Name(Guid? store, long sequence) => store is { } id ? $"checkpoint-{id}-{sequence:D12}" : $"checkpoint-{sequence:D12}";

    private static string CheckpointFile(Guid? store, long sequence) => Name(store, sequence) + ".json";

    private static string ManifestFile(Guid? store, long sequence) => Name(store, sequence) + ".streams.json.gz";

    /// <summary>Writes both files to the archive and to the destination; one already there is left as it is.</summary>
    public async Task WriteAsync(Guid store, Checkpoint checkpoint, StreamManifest manifest, CancellationToken cancellation)
    {
        foreach (var folder in (string?[])[Directory, Destination])
        {
            if (folder is null) continue;
            System.IO.Directory.CreateDirectory(folder);
            await WriteNewAsync(Path.Combine(folder, ManifestFile(store, manifest.Sequence)), async stream =>
            {
                await using var zip = new GZipStream(stream, CompressionLevel.Fastest);
                await JsonSerializer.SerializeAsync(zip, manifest, Json, cancellation);
            });
            await WriteNewAsync(Path.Combine(folder, CheckpointFile(store, checkpoint.Sequence!.Value)),
                stream => JsonSerializer.SerializeAsync(stream, checkpoint, Json, cancellation));
        }
    }

    /// <summary>
    /// The manifest of this store at this sequence (store null: a v1 manifest), from the archive or else from the
    /// destination: an insider who deletes the service's own archive does not delete the anchor.
    /// </summary>
    public async Task<StreamManifest?> ReadManifestAsync(Guid? store, long sequence, CancellationToken cancellation)
    {
        foreach (var folder in (string?[])[Directory, Destination])
        {
            if (folder is null) continue;
            var path = Path.Combine(folder, ManifestFile(store, sequence));
            if (!File.Exists(path)) continue;
            await using var file = File.OpenRead(path);
            await using var zip = new GZipStream(file, CompressionMode.Decompress);
            return await JsonSerializer.DeserializeAsync<StreamManifest>(zip, Json, cancellation);
        }
        return null;
    }

    /// <summary>
    /// This store's checkpoint at this sequence, from the archive or else the destination; null when neither holds it
    /// or it does not read as a checkpoint.
    /// </summary>
    public async Task<Checkpoint?> ReadCheckpointAsync(Guid store, long sequence, CancellationToken cancellation)
    {
        foreach (var folder in (string?[])[Directory, Destination])
        {
            if (folder is null) continue;
            var path = Path.Combine(folder, CheckpointFile(store, sequence));
            if (!File.Exists(path)) continue;
            await using var file = File.OpenRead(path);
            try { return await JsonSerializer.DeserializeAsync<Checkpoint>(file, Json, cancellation); }
            catch (JsonException) { return null; }
        }
        return null;
    }

    /// <summary>The sequences of this store's checkpoints kept in the archive, oldest first.</summary>
    public IEnumerable<long> CheckpointSequences(Guid store)
    {
        var prefix = $"checkpoint-{store}-";
        return !System.IO.Directory.Exists(Directory) ? [] :
            System.IO.Directory.EnumerateFiles(Directory, prefix + "*.json")
                .Select(Path.GetFileName)
                .Where(f => !f!.EndsWith(".streams.json.gz", StringComparison.Ordinal))
                .Select(f => f![prefix.Length..^".json".Length])
                .Select(s => long.TryParse(s, out var n) ? n : -1)
                .Where(n => n >= 0)
                .Order();
    }

    /// <summary>The sequences of this store's manifests kept in the archive, newest first.</summary>
    public IEnumerable<long> ManifestSequences(Guid store)
    {
        var prefix = $"checkpoint-{store}-";
        return !System.IO.Directory.Exists(Directory) ? [] :
            System.IO.Directory.EnumerateFiles(Directory, prefix + "*.streams.json.gz")
                .Select(f => Path.GetFileName(f)[prefix.Length..^".streams.json.gz".Length])
                .Select(s => long.TryParse(s, out var n) ? n : -1)
                .Where(n => n >= 0)
                .OrderDescending();
    }

    private static async Task WriteNewAsync(string path, Func<Stream, Task> write)
    {
        if (File.Exists(path)) return;
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await using (var stream = new FileStream(temporary, FileMode.CreateNew)) await write(stream);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Written meanwhile by another process: theirs stays.
            File.Delete(temporary);
        }
    }
}
