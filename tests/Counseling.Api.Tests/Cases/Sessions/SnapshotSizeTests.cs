using System.Text.Json;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;
using Npgsql;

namespace Counseling.Api.Tests.Cases.Sessions;

/// <summary>
/// The case snapshot every write rereads and rewrites holds what decisions need, not the sessions themselves: after 200
/// sessions it is within 10% of its size after 10, while the case view still lists every session (from the events).
/// </summary>
[Collection(ApiCollection.Name)]
public class SnapshotSizeTests(ApiFixture api)
{
    private async Task<int> StoredSnapshotBytesAsync(Guid caseId)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var schema = api.Store.Options.DatabaseSchemaName;
        await using var command = new NpgsqlCommand($"select octet_length(data::text) from {schema}.mt_doc_counselingcase where id = @id", connection);
        command.Parameters.AddWithValue("id", caseId);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task After_200_sessions_the_snapshot_is_within_10_percent_of_its_size_after_10()
    {
        var journey = await Journey.OpenAsync(api);
        for (var i = 0; i < 10; i++) await journey.LogSessionAsync();
        var afterTen = await StoredSnapshotBytesAsync(journey.CaseId);

        for (var i = 10; i < 200; i++) await journey.LogSessionAsync();
        var afterTwoHundred = await StoredSnapshotBytesAsync(journey.CaseId);

        afterTwoHundred.Should().BeLessThanOrEqualTo((int)(afterTen * 1.10), "the snapshot held {0} bytes after 10 sessions", afterTen);
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases/{journey.CaseId}");
            s.WithBearerToken(api.TokenFor("a-001", Role.Auditor, null));
        });
        var view = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        view.GetProperty("sessionsCount").GetInt32().Should().Be(200);
        view.GetProperty("sessions").GetArrayLength().Should().Be(200);
    }
}
