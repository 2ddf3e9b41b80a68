namespace Counseling.Api.Infrastructure;

/// <summary>
/// Secrets the service holds outside its database (the master key that wraps each case's data key, the blind-index
/// key, the seal key, the checkpoint signing key): someone who has only the database, or a dump of it, holds none of
/// them. A key named N is read from the setting <c>Keys:N</c> (base64; <c>Keys__N</c> in the environment) or from the
/// file <c>N.key</c> (base64) in the directory <c>Keys:Directory</c>. In Development a missing key is created in that
/// directory (by default <c>.local/keys</c> under the content root, which git ignores); in any other environment a
/// missing key stops the service at start-up, since a key made up on the spot would not survive the process.
/// </summary>
public sealed class ServiceKeys(IConfiguration configuration, string directory, bool createMissing)
{
    private readonly Lock _gate = new();

    public string Directory { get; } = directory;

    public static ServiceKeys From(IConfiguration configuration, IHostEnvironment environment)
    {
        var directory = configuration["Keys:Directory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(environment.ContentRootPath, ".local", "keys");
        return new ServiceKeys(configuration, directory, environment.IsDevelopment());
    }

    /// <summary>The key's bytes; <paramref name="create"/> makes a new one where a missing key may be created.</summary>
    public byte[] Get(string name, Func<byte[]> create)
    {
        if (configuration[$"Keys:{name}"] is { Length: > 0 } inline) return Decode(name, inline, $"the setting Keys:{name}");

        var path = PathOf(name);
        lock (_gate)
        {
            if (File.Exists(path)) return Decode(name, File.ReadAllText(path).Trim(), path);
            if (!createMissing)
                throw new InvalidOperationException(
                    $"The key '{name}' is missing: set Keys__{name} (base64) or put it in {path}. " +
                    "Only the Development environment creates missing keys.");

            var created = create();
            System.IO.Directory.CreateDirectory(Directory);
            // Written to a temporary name first, so that a second process never reads half a key.
            var temporary = $"{path}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, Convert.ToBase64String(created));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try { File.Move(temporary, path, overwrite: false); }
            catch (IOException) when (File.Exists(path)) { File.Delete(temporary); } // another process made it first
            return Decode(name, File.ReadAllText(path).Trim(), path);
        }
    }

    /// <summary>The key's bytes, or null when it is neither set nor in a file: never created.</summary>
    public byte[]? Find(string name)
    {
        if (configuration[$"Keys:{name}"] is { Length: > 0 } inline) return Decode(name, inline, $"the setting Keys:{name}");
        var path = PathOf(name);
        return File.Exists(path) ? Decode(name, File.ReadAllText(path).Trim(), path) : null;
    }

    /// <summary>True when the setting <c>Keys:N</c> holds the key: then its file is not the one in use.</summary>
    public bool IsSetInConfiguration(string name) => configuration[$"Keys:{name}"] is { Length: > 0 };

    /// <summary>Deletes a key's file (e.g. the previous key, once a rotation no longer needs it).</summary>
    public void Delete(string name) => File.Delete(PathOf(name));

    /// <summary>Replaces a key's file (e.g. after a rotation), keeping nothing of the old one.</summary>
    public void Store(string name, byte[] value)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(name);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(value));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string name) => Path.Combine(Directory, $"{name}.key");

    private static byte[] Decode(string name, string base64, string source)
    {
        try { return Convert.FromBase64String(base64); }
        catch (FormatException) { throw new InvalidOperationException($"The key '{name}' in {source} is not base64."); }
    }
}
