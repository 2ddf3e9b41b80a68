using Alba;
using Counseling.Api.Access;
using Counseling.Api.Audit;
using Counseling.Api.Audit.Checkpoints;
using Counseling.Api.Audit.Verification;
using Counseling.Api.Tests.Caseloads;
using Counseling.Api.Tests.Infrastructure;
using Counseling.Tools.Audit;
using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Counseling.Api.Tests.Audit;

/// <summary>
/// audit-reseal, the upgrade from unkeyed to keyed seals, on a database of its own: the upgrade is simulated by turning
/// every seal of that database into an unkeyed one (as a database from before keyed seals holds them), and the insider's
/// laundering attempt comes after it, when keyed seals exist.
/// </summary>
public sealed class ResealTests : IAsyncLifetime
{
    private IAlbaHost host = null!;
    private readonly string keys = ApiFixture.FreshKeyDirectory("reseal");

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? ApiFixture.StartTestCluster();
        var connectionString = await CaseloadFixture.FreshDatabaseAsync(server, "counseling_reseal");
        host = await AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Marten", connectionString);
            web.UseSetting("Keys:Directory", keys);
            web.UseSetting("Audit:Checkpoints:Interval", "00:00:00");
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(ApiFixture.Start)));
        });
        var counselor = host.Services.GetRequiredService<DevelopmentTokens>().Issue("c-001", Role.Counselor, "bekasi");
        host.BeforeEach(http => http.Request.Headers.Authorization = $"Bearer {counselor}");
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        if (Directory.Exists(keys)) Directory.Delete(keys, recursive: true);
    }

    private IDocumentStore Store => host.Services.GetRequiredService<IDocumentStore>();

    private async Task<Guid> OpenCaseWithSessionAsync()
    {
        var caseId = await host.OpenCaseAsync();
        await host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(ApiFixture.Start)).ToUrl($"/cases/{caseId}/sessions");
            s.StatusCodeShouldBe(200);
        });
        return caseId;
    }

    /// <summary>Rewrites the seals of <paramref name="streams"/> (every stream when null) as the service wrote them before seals were keyed.</summary>
    private async Task SealTheOldWayAsync(IReadOnlyCollection<Guid>? streams = null)
    {
        var events = new List<StoredEvent>();
        await foreach (var e in host.Services.GetRequiredService<StoredHistory>().ReadAsync(0, null, CancellationToken.None))
            if (!e.IsGapFiller && (streams is null || streams.Contains(e.StreamId))) events.Add(e);

        await using var session = Store.LightweightSession();
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            var previous = EventSeal.Genesis;
            foreach (var e in stream.OrderBy(e => e.Version))
            {
                var hash = LegacySeals.HashAfter(e.SealedFields, previous);
                session.Store(new EventSeal(EventSeal.IdFor(stream.Key, e.Version), stream.Key, e.Version, previous, hash));
                previous = hash;
            }
        }
        await session.SaveChangesAsync();
    }

    private async Task ExecuteAsync(string sql, Guid caseId)
    {
        await using var connection = Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("case", caseId);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    private Task<(int Resealed, IReadOnlyList<Guid> Refused)> ResealAsync() => AuditResealCommand.ResealAsync(Store,
        host.Services.GetRequiredService<StoredHistory>(), host.Services.GetRequiredService<SealKey>(), CancellationToken.None);

    private async Task<IReadOnlyList<MismatchKind>> MismatchesOfAsync(Guid stream) =>
        [.. (await host.Services.GetRequiredService<StoreVerifier>().VerifyAsync()).Mismatches.Where(m => m.StreamId == stream).Select(m => m.Kind)];

    [Fact]
    public async Task The_upgrade_reseals_trusted_old_streams_once_and_a_stream_tampered_with_afterwards_is_refused_however_its_seals_were_recomputed()
    {
        // Before the upgrade: a database whose every seal is unkeyed, one case changed after it was sealed.
        var trusted = await OpenCaseWithSessionAsync();
        var tampered = await OpenCaseWithSessionAsync();
        await host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        await SealTheOldWayAsync();
        await ExecuteAsync("update counseling.mt_events set user_name = 'c-999' where stream_id = @case and version = 2", tampered);
        (await MismatchesOfAsync(trusted)).Should().Equal(MismatchKind.SealNotKeyed, MismatchKind.SealNotKeyed, MismatchKind.SealNotKeyed);

        var (resealed, refused) = await ResealAsync();

        resealed.Should().BePositive();
        refused.Should().Equal(tampered);
        (await MismatchesOfAsync(trusted)).Should().BeEmpty();
        (await MismatchesOfAsync(tampered)).Should().NotBeEmpty();
        await using (var query = Store.QuerySession())
        {
            var marker = await query.Events.FetchStreamAsync(MaintenanceRuns.MarkerFor(AuditResealCommand.Command, trusted));
            marker.Select(e => e.Data).Should().Equal(new StreamResealed(trusted, 3, host.Services.GetRequiredService<SealKey>().Id));
            marker.Single().UserName.Should().StartWith("maintenance:");
            var run = (await query.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(typeof(MaintenanceCommandRun))).ToListAsync())
                .Select(e => (MaintenanceCommandRun)e.Data).Single();
            run.Changed.Should().Contain(trusted);
            run.Refused.Should().Equal(tampered);
        }

        // After the upgrade the insider changes an event of a keyed stream and recomputes its seals the old way, which
        // needs no key: the reseal refuses it (unkeyed seals on events stored after keyed sealing began), verify still
        // reports it, and the refusal is recorded.
        var laundered = await OpenCaseWithSessionAsync();
        await ExecuteAsync("update counseling.mt_events set data = jsonb_set(data, '{durationMinutes}', '90') " +
                           "where stream_id = @case and type = 'counseling_session_logged'", laundered);
        await SealTheOldWayAsync([laundered]);

        var (_, refusedAfter) = await ResealAsync();

        refusedAfter.Should().Contain(laundered);
        (await MismatchesOfAsync(laundered)).Should().NotBeEmpty();
        await using (var query = Store.QuerySession())
        {
            (await query.Events.FetchStreamStateAsync(MaintenanceRuns.MarkerFor(AuditResealCommand.Command, laundered))).Should().BeNull();
            (await query.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(typeof(MaintenanceCommandRun))).CountAsync()).Should().Be(2);
        }

        // Downgraded again, the trusted stream is refused too (its unkeyed seals come after keyed ones, and it carries a marker).
        await SealTheOldWayAsync([trusted]);
        (await ResealAsync()).Refused.Should().Contain(trusted);
    }
}
