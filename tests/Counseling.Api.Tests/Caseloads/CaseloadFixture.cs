using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.ReferenceData;
using Counseling.Api.Tests.Infrastructure;
using Counseling.Domain.Cases;
using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Counseling.Api.Tests.Caseloads;

/// <summary>
/// An API whose clock the tests move, so cases can age by days and weeks. It has a database of its own:
/// its async daemon must be the only one projecting these events, and the other fixture resets its store.
/// </summary>
public class CaseloadFixture : IAsyncLifetime
{
    public const string DatabaseName = "counseling_caseloads";

    private readonly string _databaseName;

    public CaseloadFixture() : this(DatabaseName)
    {
    }

    /// <summary>A fixture like this one on a database of its own (e.g. for reports, which count every case in it).</summary>
    protected CaseloadFixture(string databaseName) => _databaseName = databaseName;

    /// <summary>Administrators and auditors beyond the seeded ones that this fixture's tests call as ("auditors", id) or ("administrators", id).</summary>
    protected virtual (string Path, string Id)[] Officials => [];

    /// <summary>Starts on Monday 1 March 2027, 09:00 WIB; only moves forward.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 3, 1, 2, 0, 0, TimeSpan.Zero));

    public IAlbaHost Host { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public DateOnly Today => Wib.DateOf(Clock.GetUtcNow());

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? ApiFixture.StartTestCluster();
        ConnectionString = await FreshDatabaseAsync(server, _databaseName);
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Marten", ConnectionString);
            web.UseSetting(Counseling.Api.Infrastructure.WriteRateLimit.Setting, "1000000");
            web.UseSetting(Counseling.Api.Infrastructure.WriteRateLimit.SearchSetting, "1000000");
            web.UseSetting("Keys:Directory", ApiFixture.FreshKeyDirectory("caseloads"));
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
            Configure(web);
        });

        // Administrators and auditors are honoured only when registered: the fixture registers the ones its tests name.
        foreach (var (path, id) in Officials)
            await Host.Scenario(s =>
            {
                s.Put.Json(new { fullName = $"Uji {id}" }).ToUrl($"/{path}/{id}");
                s.WithBearerToken(TokenFor("adm-001", Role.Admin, null));
                s.StatusCodeShouldBe(200);
            });

        // Unless a test says who is calling, an auditor reads: every caseload and dashboard is open to them.
        var auditor = TokenFor("a-002", Role.Auditor, null);
        Host.BeforeEach(http => http.Request.Headers.Authorization = $"Bearer {auditor}");
    }

    /// <summary>Settings of a fixture of its own (e.g. the reports' read-only connection), after the common ones.</summary>
    protected virtual void Configure(IWebHostBuilder web)
    {
    }

    public string TokenFor(string userId, Role role, string? officeId) =>
        Host.Services.GetRequiredService<DevelopmentTokens>().Issue(userId, role, officeId);

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Moves the clock to 09:00 WIB on <paramref name="day"/>.</summary>
    public void MoveTo(DateOnly day) =>
        Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), Wib.Offset).ToUniversalTime());

    /// <summary>An office with its counselors and its supervisor, <c>{officeId}-supervisor</c>.</summary>
    public async Task AddOfficeAsync(string officeId, params (string Id, string Name)[] counselors)
    {
        await using var session = Store.LightweightSession();
        session.Store(new Office(officeId, $"Kantor uji {officeId}", "regencyManpowerOffice", "Jawa Barat", "Bekasi", "Jl. Uji 1"));
        session.Store(new Supervisor($"{officeId}-supervisor", $"Kepala seksi {officeId}", officeId));
        foreach (var (id, name) in counselors)
            session.Store(new Counselor(id, name, officeId, new CounselorCertificate($"AK-UJI/{id}", new DateOnly(2025, 1, 1), new DateOnly(2030, 1, 1))));
        await session.SaveChangesAsync();
    }

    public Task WaitForProjectionsAsync() => Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

    public async Task<JsonElement> GetAsync(string url, int status = 200, string? token = null)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(url);
            if (token is not null) s.WithBearerToken(token);
            s.StatusCodeShouldBe(status);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }

    /// <summary>The connection string of a database of the fixture's own on the same server, created when missing.</summary>
    internal static async Task<string> OwnDatabaseAsync(string serverConnectionString, string databaseName)
    {
        await using (var connection = new NpgsqlConnection(serverConnectionString))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
            exists.Parameters.AddWithValue("name", databaseName);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"create database {databaseName}", connection);
                await create.ExecuteNonQueryAsync();
            }
        }
        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = databaseName }.ConnectionString;
    }

    /// <summary>
    /// The connection string of a database of the fixture's own, dropped and created empty: a host started on it seeds its
    /// reference data once and needs no reset. (Resetting a host's data while its async daemon runs can leave the daemon's
    /// mark from before the reset, and it then never projects the first events written after it: seen once in the demo.)
    /// </summary>
    internal static async Task<string> FreshDatabaseAsync(string serverConnectionString, string databaseName)
    {
        await using (var connection = new NpgsqlConnection(serverConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {databaseName} with (force)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"create database {databaseName}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = databaseName }.ConnectionString;
    }
}

[CollectionDefinition(Name)]
public sealed class CaseloadCollection : ICollectionFixture<CaseloadFixture>
{
    public const string Name = "caseloads";
}
