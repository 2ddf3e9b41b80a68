using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Audit.Checkpoints;
using Counseling.Api.Tests.Caseloads;
using Counseling.Api.Tests.Infrastructure;
using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Counseling.Api.Tests.Audit;

/// <summary>
/// Checkpoints anchored outside the service's host: each is delivered to Audit:Checkpoints:Destination (here a second
/// directory standing for another machine), names the store it was issued for and signs its manifest's digest. On a
/// database of its own, since the test deletes events for good.
/// </summary>
public sealed class CheckpointAnchorTests : IAsyncLifetime
{
    private IAlbaHost host = null!;
    private readonly string keys = ApiFixture.FreshKeyDirectory("anchor");
    private readonly string archive = Directory.CreateTempSubdirectory("counseling-anchor-archive-").FullName;
    private readonly string destination = Directory.CreateTempSubdirectory("counseling-anchor-outside-").FullName;

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? ApiFixture.StartTestCluster();
        var connectionString = await CaseloadFixture.FreshDatabaseAsync(server, "counseling_anchor");
        host = await AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Marten", connectionString);
            web.UseSetting("Keys:Directory", keys);
            web.UseSetting("Audit:Checkpoints:Directory", archive);
            web.UseSetting("Audit:Checkpoints:Destination", destination);
            web.UseSetting("Audit:Checkpoints:Interval", "00:00:00");
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(ApiFixture.Start)));
        });
        var counselor = host.Services.GetRequiredService<DevelopmentTokens>().Issue("c-001", Role.Counselor, "bekasi");
        host.BeforeEach(http => http.Request.Headers.Authorization = $"Bearer {counselor}");
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        foreach (var folder in new[] { keys, archive, destination })
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private string Auditor => host.Services.GetRequiredService<DevelopmentTokens>().Issue("a-001", Role.Auditor, null);

    private async Task<Checkpoint> CheckpointAsync()
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url("/audit/checkpoint");
            s.WithBearerToken(Auditor);
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<Checkpoint>())!;
    }

    private async Task<(int Status, JsonElement Body)> VerifyAsync(Checkpoint checkpoint)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(checkpoint).ToUrl("/audit/verify");
            s.WithBearerToken(Auditor);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task A_stream_tail_deleted_and_the_local_archive_wiped_is_still_detected_against_the_outside_anchor()
    {
        var caseId = await host.OpenCaseAsync();
        await host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(ApiFixture.Start)).ToUrl($"/cases/{caseId}/sessions");
            s.StatusCodeShouldBe(200);
        });
        // A checkpoint commits to the events through the store's high-water mark: wait until it has passed the session.
        await host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var checkpoint = await CheckpointAsync();
        await using (var query = host.Services.GetRequiredService<IDocumentStore>().QuerySession())
            checkpoint.Sequence.Should().BeGreaterThanOrEqualTo((await query.Events.FetchStreamAsync(caseId)).Last().Sequence);
        checkpoint.StoreId.Should().NotBeNullOrEmpty();
        checkpoint.StreamsDigest.Should().MatchRegex("^[0-9a-f]{64}$");
        var name = $"checkpoint-{checkpoint.StoreId}-{checkpoint.Sequence:D12}";
        File.Exists(Path.Combine(destination, name + ".json")).Should().BeTrue();
        File.Exists(Path.Combine(destination, name + ".streams.json.gz")).Should().BeTrue();
        (await VerifyAsync(checkpoint)).Body.GetProperty("consistent").GetBoolean().Should().BeTrue();

        // The insider: the session's event goes, with its seal, the stream's version is set back so that the store
        // looks whole, and the service's own archive is wiped.
        await using (var connection = host.Services.GetRequiredService<IDocumentStore>().Storage.Database.CreateConnection())
        {
            await connection.OpenAsync();
            await using var delete = new NpgsqlCommand("""
                delete from counseling.mt_events where stream_id = @case and version = 3;
                update counseling.mt_streams set version = 2 where id = @case;
                delete from counseling.mt_doc_eventseal where id = @seal;
                """, connection);
            delete.Parameters.AddWithValue("case", caseId);
            delete.Parameters.AddWithValue("seal", Counseling.Api.Audit.EventSeal.IdFor(caseId, 3));
            (await delete.ExecuteNonQueryAsync()).Should().Be(3, "the event, the stream's version and the seal");
        }
        foreach (var file in Directory.GetFiles(archive)) File.Delete(file);

        var (status, report) = await VerifyAsync(checkpoint);

        status.Should().Be(200);
        report.GetProperty("consistent").GetBoolean().Should().BeFalse(report.ToString());
        report.GetProperty("streamManifestFound").GetBoolean().Should().BeTrue("the manifest is read from the destination");
        report.GetProperty("mismatches").EnumerateArray()
            .Should().Contain(m => m.GetProperty("kind").GetString() == "eventMissing" && m.GetProperty("streamId").GetGuid() == caseId);
    }

    [Fact]
    public async Task Nothing_archived_is_overwritten_and_a_checkpoint_of_another_store_is_refused()
    {
        var first = await CheckpointAsync();
        var name = Path.Combine(archive, $"checkpoint-{first.StoreId}-{first.Sequence:D12}.json");
        var archived = await File.ReadAllTextAsync(name);

        // Nothing appended since: the same sequence again, at a later moment; the archived one stays as it was.
        var again = await CheckpointAsync();
        again.Sequence.Should().Be(first.Sequence);
        (await File.ReadAllTextAsync(name)).Should().Be(archived);

        // The same service pointed at another database (a restore, a staging copy) has another store id: this
        // checkpoint is not that store's. Simulated by giving this database a new identity, as a copy would show.
        await using (var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Store(new StoreIdentity(StoreIdentity.TheStore, Guid.NewGuid(), ApiFixture.Start));
            await session.SaveChangesAsync();
        }
        var stores = host.Services.GetRequiredService<StoreIdentities>();
        typeof(StoreIdentities).GetField("known", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .SetValue(stores, null); // the service's memory of its id, as a fresh process on the other database would start

        var (status, problem) = await VerifyAsync(first);

        status.Should().Be(422);
        problem.GetProperty("detail").GetString().Should().Contain($"issued for store {first.StoreId}");
    }
}
