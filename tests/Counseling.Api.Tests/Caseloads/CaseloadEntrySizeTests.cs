using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Counseling.Api.Caseloads;
using Counseling.Domain.Cases;
using Counseling.Api.Tests.Infrastructure;
using Marten;
using Marten.Events;
using Npgsql;

namespace Counseling.Api.Tests.Caseloads;

/// <summary>
/// A caseload entry holds the fields its pages show, not a copy of the case: its stored JSON has no journey and stays
/// small however many sessions the case has (docs/decisions/caseload-entry-from-snapshot.md).
/// </summary>
[Collection(ApiCollection.Name)]
public class CaseloadEntrySizeTests(ApiFixture api)
{
    /// <summary>
    /// The listed fields and the worklist's items, of which the six benefit months' reasons are most (about 1.5 KB here);
    /// with the case copied in (as before), this entry held about 3.0 KB.
    /// </summary>
    private const int MaxEntryBytes = 2_000;

    private async Task<(int Bytes, JsonElement Entry, long SnapshotVersion, int SnapshotBytes)> StoredEntryAsync(Guid caseId)
    {
        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var schema = api.Store.Options.DatabaseSchemaName;
        await using var command = new NpgsqlCommand(
            $"""
             select e.data::text, (c.data->>'version')::bigint, octet_length(c.data::text)
             from {schema}.mt_doc_caseloadentry e join {schema}.mt_doc_counselingcase c using (id) where id = @id
             """, connection);
        command.Parameters.AddWithValue("id", caseId);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        var json = reader.GetString(0);
        return (Encoding.UTF8.GetByteCount(json), JsonDocument.Parse(json).RootElement.Clone(), reader.GetInt64(1), reader.GetInt32(2));
    }

    private async Task<string> SnapshotJsonAsync(Guid caseId)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select data::text from {api.Store.Options.DatabaseSchemaName}.mt_doc_counselingcase where id = @id", connection);
        command.Parameters.AddWithValue("id", caseId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task An_entry_after_many_sessions_stays_small_and_holds_no_copy_of_the_case()
    {
        var journey = await Journey.OpenAsync(api);
        await journey.AssessAsync("needsTraining");
        var course = await journey.ReferToTrainingAsync();
        await journey.TrainingOutcomeAsync(course, "started");
        await journey.ReferToJobAsync();
        for (var i = 0; i < 10; i++) await journey.LogSessionAsync();
        var (afterTen, _, _, _) = await StoredEntryAsync(journey.CaseId);

        for (var i = 10; i < 60; i++) await journey.LogSessionAsync();
        var (afterSixty, entry, snapshotVersion, snapshotBytes) = await StoredEntryAsync(journey.CaseId);

        afterSixty.Should().BeLessThan(MaxEntryBytes, "the entry held {0} bytes after 10 sessions (the snapshot {1})", afterTen, snapshotBytes);
        afterSixty.Should().BeLessThanOrEqualTo(afterTen + 64, "sessions add nothing to an entry but the last contact's changes");
        entry.TryGetProperty("journey", out _).Should().BeFalse();
        entry.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "id", "version", "officeId", "counselorId", "workerName", "protectedNik", "stage", "isOpen", "openedOn", "lastContactAt",
            "nextFollowUpOn", "due", "benefitEvidenceDue");
        entry.GetProperty("stage").GetString().Should().Be("Training");
        entry.GetProperty("version").GetInt64().Should().Be(snapshotVersion);

        // An entry stored before, with the case copied in as "journey", still loads with the store's serializer.
        var old = JsonNode.Parse(entry.GetRawText())!.AsObject();
        old["journey"] = JsonNode.Parse(await SnapshotJsonAsync(journey.CaseId));
        using var stored = new MemoryStream(Encoding.UTF8.GetBytes(old.ToJsonString()));
        var loaded = api.Store.Options.Serializer().FromJson<CaseloadEntry>(stored);
        loaded.Id.Should().Be(journey.CaseId);
        loaded.Stage.Should().Be(CaseStage.Training);
        loaded.BenefitEvidenceDue.Should().HaveCount(entry.GetProperty("benefitEvidenceDue").GetArrayLength());
    }
}
