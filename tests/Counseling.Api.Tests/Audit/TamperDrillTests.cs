using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Audit.Checkpoints;
using Counseling.Tools.Audit;
using Counseling.Api.Audit.Verification;
using Counseling.Seeds;
using Counseling.Api.Tests.Caseloads;
using Counseling.Api.Tests.Demo;
using Counseling.Api.Tests.Infrastructure;
using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Counseling.Api.Tests.Audit;

/// <summary>
/// Demo journeys in a database of their own, a checkpoint taken over them, then the database tampered with in every
/// way the drill knows, plainly and with seals and snapshots rewritten: what verify against that checkpoint says.
/// </summary>
public sealed class TamperDrillFixture : IAsyncLifetime
{
    public const string DatabaseName = "counseling_tamper";

    public SimulatedClock Clock { get; } = new(DemoFixture.Anchor);
    public IAlbaHost Host { get; private set; } = null!;
    public string CheckpointDirectory { get; } = Directory.CreateTempSubdirectory("counseling-tamper-checkpoints-").FullName;
    public Checkpoint Checkpoint { get; private set; } = null!;
    public long LastSequenceBeforeTampering { get; private set; }
    public CheckpointVerification BeforeTampering { get; private set; } = null!;
    public IReadOnlyList<Tampered> Tampered { get; private set; } = [];
    public IReadOnlyList<Guid> UntouchedCases { get; private set; } = [];
    public string AuditorToken { get; private set; } = "";

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? ApiFixture.StartTestCluster();
        var connectionString = await CaseloadFixture.FreshDatabaseAsync(server, DatabaseName);
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Marten", connectionString);
            web.UseSetting("Audit:Checkpoints:Directory", CheckpointDirectory);
            web.UseSetting("Audit:Checkpoints:Interval", "00:00:00");
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
        AuditorToken = Host.Services.GetRequiredService<DevelopmentTokens>().Issue("a-001", Role.Auditor, null);

        var plan = DemoJourneys.Plan(31, 30, DemoFixture.Reference, DemoFixture.Anchor);
        await new DemoRecorder(Store, Clock).RecordAsync(plan);
        Clock.MoveTo(DemoFixture.Anchor.AddHours(9));
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        LastSequenceBeforeTampering = await ScalarAsync("select max(seq_id) from counseling.mt_events");

        Checkpoint = await GetJsonAsync<Checkpoint>("/audit/checkpoint");
        BeforeTampering = await VerifyAsync(Checkpoint);

        var cases = await TamperDrill.CasesToTamperWithAsync(Store, 100, CancellationToken.None);
        Tampered = await TamperDrill.TamperAsync(Store, cases, CancellationToken.None);
        UntouchedCases = cases.Except(Tampered.Select(t => t.CaseId)).ToList();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(CheckpointDirectory, recursive: true);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task<T> GetJsonAsync<T>(string url)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(AuditorToken);
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<T>())!;
    }

    public async Task<CheckpointVerification> VerifyAsync(Checkpoint checkpoint)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(checkpoint).ToUrl("/audit/verify");
            s.WithBearerToken(AuditorToken);
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<CheckpointVerification>())!;
    }
}

[CollectionDefinition(Name)]
public sealed class TamperDrillCollection : ICollectionFixture<TamperDrillFixture>
{
    public const string Name = "tamper drill";
}

[Collection(TamperDrillCollection.Name)]
public class TamperDrillTests(TamperDrillFixture drill)
{
    [Fact]
    public void The_checkpoint_covers_every_event_and_the_untampered_store_is_consistent_with_it()
    {
        drill.Checkpoint.Sequence.Should().Be(drill.LastSequenceBeforeTampering);
        drill.BeforeTampering.Mismatches.Should().BeEmpty();
        drill.BeforeTampering.Consistent.Should().BeTrue();
        drill.BeforeTampering.HeadMatches.Should().BeTrue();
        drill.BeforeTampering.StreamManifestFound.Should().BeTrue();
    }

    [Fact]
    public async Task Verify_against_the_earlier_checkpoint_names_every_tampered_case_and_no_other()
    {
        drill.Tampered.Should().HaveCount(16);

        var report = await drill.VerifyAsync(drill.Checkpoint);

        report.Consistent.Should().BeFalse();
        report.HeadMatches.Should().BeFalse();
        report.Mismatches.Select(m => m.StreamId).Distinct().Should().BeEquivalentTo(drill.Tampered.Select(t => t.CaseId));
        foreach (var tampered in drill.Tampered)
        {
            var kinds = report.Mismatches.Where(m => m.StreamId == tampered.CaseId).Select(m => m.Kind).ToHashSet();
            kinds.Should().Contain(ExpectedKind(tampered), $"{tampered.How} (seals recomputed: {tampered.SealsRecomputed}) on {tampered.CaseId}");
        }
    }

    private static MismatchKind ExpectedKind(Tampered tampered) => (tampered.How, tampered.SealsRecomputed) switch
    {
        // Seals rewritten without the key show as forged: the content they claim to vouch for cannot be trusted.
        (_, true) when tampered.How is Tampering.DataChanged or Tampering.MetadataChanged or Tampering.VersionsReordered => MismatchKind.SealForged,
        (Tampering.DataChanged, false) => MismatchKind.DataChanged,
        (Tampering.MetadataChanged, false) => MismatchKind.MetadataChanged,
        (Tampering.MiddleEventDeleted, false) => MismatchKind.EventMissing,
        // Renumbered and resealed: the seal key unmasks each rewritten event, the manifest the lost version.
        (Tampering.MiddleEventDeleted, true) => MismatchKind.EventMissing,
        (Tampering.LastEventDeleted, _) => MismatchKind.EventMissing,
        (Tampering.StreamDeleted, _) => MismatchKind.StreamDeleted,
        (Tampering.EventInserted, _) => MismatchKind.EventInserted,
        (Tampering.VersionsReordered, false) => MismatchKind.VersionsReordered,
        // Seals of the old formula on events stored since keyed sealing began: reported until re-sealed, which is refused.
        (Tampering.SealsDowngraded, _) => MismatchKind.SealNotKeyed,
        _ => throw new ArgumentOutOfRangeException(nameof(tampered)),
    };

    [Fact]
    public async Task The_reseal_refuses_every_stream_whose_seals_were_downgraded_and_writes_none_of_their_seals()
    {
        var downgraded = drill.Tampered.Where(t => t.How == Tampering.SealsDowngraded).Select(t => t.CaseId).ToList();
        downgraded.Should().HaveCount(2);

        var (_, refused) = await AuditResealCommand.ResealAsync(drill.Store, drill.Host.Services.GetRequiredService<StoredHistory>(),
            drill.Host.Services.GetRequiredService<Counseling.Api.Audit.SealKey>(), CancellationToken.None);

        refused.Should().Contain(downgraded);
        var report = await drill.VerifyAsync(drill.Checkpoint);
        foreach (var caseId in downgraded)
            report.Mismatches.Where(m => m.StreamId == caseId).Select(m => m.Kind).Should().Contain(MismatchKind.SealNotKeyed);
    }

    [Fact]
    public async Task Two_verifies_at_once_both_answer_the_same()
    {
        var first = drill.VerifyAsync(drill.Checkpoint);
        var second = drill.VerifyAsync(drill.Checkpoint);
        await Task.WhenAll(first, second);

        (await first).Mismatches.Should().BeEquivalentTo((await second).Mismatches);
        (await first).Consistent.Should().BeFalse();
    }

    public static TheoryData<string> Forgeries() => new() { "head", "sequence", "issuedAt", "signature", "keyId" };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_checkpoint_is_refused_with_422(string forged)
    {
        var genuine = drill.Checkpoint;
        var forgery = forged switch
        {
            // The head of the history as the database now holds it, as an insider would compute it.
            "head" => genuine with { Head = new string('a', 64) },
            "sequence" => genuine with { Sequence = genuine.Sequence - 1 },
            "issuedAt" => genuine with { IssuedAt = "2030-01-01T00:00:00.000000Z" },
            "signature" => genuine with { Signature = Convert.ToBase64String(RandomNumberGenerator.GetBytes(70)) },
            _ => genuine with { KeyId = "0123456789abcdef" },
        };

        var result = await drill.Host.Scenario(s =>
        {
            s.Post.Json(forgery).ToUrl("/audit/verify");
            s.WithBearerToken(drill.AuditorToken);
            s.StatusCodeShouldBe(422);
        });
        var problem = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(422);
        problem.GetProperty("detail").GetString().Should().Contain(forged == "keyId" ? "not among the checkpoint keys" : "does not verify");
    }

    [Fact]
    public async Task The_checkpoint_signature_verifies_offline_with_the_served_public_key()
    {
        var keys = await drill.GetJsonAsync<CheckpointKeys>("/audit/checkpoint-keys");
        var key = keys.Keys.Should().ContainSingle(k => k.KeyId == drill.Checkpoint.KeyId).Subject;
        key.Algorithm.Should().Be("ECDSA-P256-SHA256");

        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(key.PublicKeyPem);
        var signed = Encoding.UTF8.GetBytes(
            $"jkp-counseling-checkpoint/v2\n{drill.Checkpoint.StoreId}\n{drill.Checkpoint.Sequence}\n{drill.Checkpoint.Head}\n" +
            $"{drill.Checkpoint.StreamsDigest}\n{drill.Checkpoint.IssuedAt}\n{drill.Checkpoint.KeyId}");
        publicKey.VerifyData(signed, Convert.FromBase64String(drill.Checkpoint.Signature!), HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence).Should().BeTrue();
        publicKey.VerifyData(Encoding.UTF8.GetBytes("something else"), Convert.FromBase64String(drill.Checkpoint.Signature!),
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence).Should().BeFalse();
    }

    [Fact]
    public async Task The_archive_holds_the_checkpoint_outside_the_database()
    {
        var archived = JsonSerializer.Deserialize<Checkpoint>(
            await File.ReadAllTextAsync(Path.Combine(drill.CheckpointDirectory, $"checkpoint-{drill.Checkpoint.StoreId}-{drill.Checkpoint.Sequence:D12}.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web));
        archived.Should().Be(drill.Checkpoint);
        File.Exists(Path.Combine(drill.CheckpointDirectory, $"checkpoint-{drill.Checkpoint.StoreId}-{drill.Checkpoint.Sequence:D12}.streams.json.gz")).Should().BeTrue();
    }

    [Fact]
    public async Task A_bad_checkpoint_body_is_a_400_naming_the_field_and_only_auditors_verify()
    {
        var result = await drill.Host.Scenario(s =>
        {
            s.Post.Json(drill.Checkpoint with { Head = "abc" }).ToUrl("/audit/verify");
            s.WithBearerToken(drill.AuditorToken);
            s.StatusCodeShouldBe(400);
        });
        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("errors").TryGetProperty("head", out _).Should().BeTrue();

        var supervisor = drill.Host.Services.GetRequiredService<DevelopmentTokens>().Issue("s-001", Role.Supervisor, "bekasi");
        await drill.Host.Scenario(s =>
        {
            s.Post.Json(drill.Checkpoint).ToUrl("/audit/verify");
            s.WithBearerToken(supervisor);
            s.StatusCodeShouldBe(403);
        });
    }
}
