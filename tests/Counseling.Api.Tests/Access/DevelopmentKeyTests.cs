using Counseling.Api.Access;
using Counseling.Api.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Counseling.Api.Tests.Access;

/// <summary>
/// The development signing key is committed, so anyone can sign tokens with it: a start that could trust it from
/// outside the machine is refused before anything else happens, and a publish leaves the key's file out.
/// </summary>
public class DevelopmentKeyTests
{
    private const string Key = "nbFdrGBAQroah6xVQaQEQQYpn6ETFeJkY6xiiXC+YGg=";

    [Fact]
    public void A_production_start_with_the_development_key_is_refused_saying_why()
    {
        var start = () => CounselingService.Build([
            "--environment", "Production",
            $"--{DevelopmentKeyGuard.KeySetting}={Key}",
            "--Authentication:Authority=https://login.example.go.id",
        ]);

        start.Should().Throw<InvalidOperationException>()
            .WithMessage("*Authentication:DevelopmentSigningKey is set, but the environment is Production*");
    }

    [Theory]
    [InlineData("http://0.0.0.0:5000")]
    [InlineData("http://*:5000")]
    [InlineData("http://+:5000")]
    [InlineData("http://localhost:5000;http://10.1.2.3:5000")]
    [InlineData("http://counseling.disnaker.example:80")]
    [InlineData("http://[::]:5000")]
    public void A_development_start_listening_beyond_loopback_is_refused(string urls)
    {
        var start = () => CounselingService.Build(["--environment", "Development", $"--{DevelopmentKeyGuard.KeySetting}={Key}", $"--urls={urls}"]);

        start.Should().Throw<InvalidOperationException>().WithMessage("*listens on loopback only*");
    }

    [Fact]
    public void Ports_on_every_interface_are_refused_in_development_too()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DevelopmentKeyGuard.KeySetting] = Key, ["http_ports"] = "8080",
        }).Build();

        DevelopmentKeyGuard.RefusalFor(settings, Environment("Development")).Should().Contain("*:8080");
    }

    [Theory]
    [InlineData("http://localhost:5000")]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://[::1]:5080;http://localhost:5081")]
    [InlineData(null)]
    public void Development_on_loopback_may_start(string? urls)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DevelopmentKeyGuard.KeySetting] = Key, ["urls"] = urls,
        }).Build();

        DevelopmentKeyGuard.RefusalFor(settings, Environment("Development")).Should().BeNull();
    }

    [Fact]
    public void Production_without_the_development_key_passes_the_guard()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://0.0.0.0:80" }).Build();

        DevelopmentKeyGuard.RefusalFor(settings, Environment("Production")).Should().BeNull();
    }

    [Fact]
    public void The_project_leaves_the_development_settings_out_of_a_publish()
    {
        var project = File.ReadAllText(Path.Combine(Infrastructure.ApiFixture.RepositoryRoot, "src", "Counseling.Api", "Counseling.Api.csproj"));

        project.Should().Contain("<Content Update=\"appsettings.Development.json\" CopyToPublishDirectory=\"Never\" />");
    }

    private static IHostEnvironment Environment(string name) => new Env { EnvironmentName = name };

    private sealed class Env : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "";
        public string ApplicationName { get; set; } = "Counseling.Api";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
