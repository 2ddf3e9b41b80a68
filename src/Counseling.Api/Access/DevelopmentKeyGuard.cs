using System.Net;

namespace Counseling.Api.Access;

/// <summary>
/// The development signing key is committed (appsettings.Development.json), so anyone can sign tokens with it: a
/// service that trusts it must be reachable from this machine alone. The service therefore refuses to start
/// (1) outside Development when the key is configured at all (there it would not be trusted, but a key set by an
/// environment variable or a copied file shows a deployment built from development settings), and (2) in Development
/// when it is configured to listen on anything but loopback (<c>urls</c>/<c>ASPNETCORE_URLS</c>, <c>http_ports</c>,
/// <c>https_ports</c>, <c>Kestrel:Endpoints:*:Url</c>). With nothing configured Kestrel listens on localhost only.
/// The file itself is also left out of a publish's output (Counseling.Api.csproj).
/// </summary>
public static class DevelopmentKeyGuard
{
    public const string KeySetting = "Authentication:DevelopmentSigningKey";

    public static void Check(WebApplicationBuilder builder)
    {
        if (RefusalFor(builder.Configuration, builder.Environment) is { } refusal) throw new InvalidOperationException(refusal);
    }

    /// <summary>Why the service must not start with these settings, or null.</summary>
    public static string? RefusalFor(IConfiguration configuration, IHostEnvironment environment)
    {
        var keySet = !string.IsNullOrWhiteSpace(configuration[KeySetting]);
        if (!environment.IsDevelopment())
            return keySet
                ? $"{KeySetting} is set, but the environment is {environment.EnvironmentName}: the development key is public (it is " +
                  "committed), so no other environment may carry it. Remove it (and appsettings.Development.json) from this " +
                  "deployment; real tokens come from the provider named by Authentication:Authority."
                : null;
        if (!keySet) return null;

        var exposed = ConfiguredAddresses(configuration).Where(address => !IsLoopback(address)).ToList();
        return exposed.Count == 0
            ? null
            : $"The Development environment trusts tokens signed with the public development key, so it listens on loopback " +
              $"only; it is configured to listen on {string.Join(", ", exposed)}. Use http://localhost:<port> or " +
              "http://127.0.0.1:<port>, or run another environment with Authentication:Authority.";
    }

    private static IEnumerable<string> ConfiguredAddresses(IConfiguration configuration)
    {
        foreach (var setting in new[] { "urls", "URLS" })
            foreach (var url in (configuration[setting] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                yield return url;
        // http_ports/https_ports bind every interface.
        foreach (var setting in new[] { "http_ports", "https_ports" })
            foreach (var port in (configuration[setting] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                yield return $"*:{port} ({setting})";
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
            if (endpoint["Url"] is { Length: > 0 } url) yield return url;
    }

    private static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://*", "://any-host").Replace("://+", "://any-host"), UriKind.Absolute, out var uri))
            return false;
        var host = uri.Host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
               (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
