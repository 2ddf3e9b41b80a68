using System.Diagnostics;
using System.Text.Json;
using Alba;
using Counseling.Api.Tests.Infrastructure;
using Npgsql;

namespace Counseling.Api.Tests.Cases.Concurrency;

/// <summary>
/// A write on a case another transaction holds locked waits at most the lock timeout (3 s by default), then answers
/// 409 problem details with Retry-After and appends nothing. The lock is taken as Marten's exclusive fetch takes it:
/// <c>select ... for update</c> on the stream's row in mt_streams, here from a second connection.
/// </summary>
[Collection(ApiCollection.Name)]
public class LockedCaseTests(ApiFixture api)
{
    [Fact]
    public async Task A_write_on_a_case_locked_by_another_transaction_is_409_with_Retry_After_and_appends_nothing()
    {
        var caseId = await api.Host.OpenCaseAsync();
        var before = await api.EventCountAsync();
        var schema = api.Store.Options.Events.DatabaseSchemaName;

        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"select id from {schema}.mt_streams where id = @id for update", connection, transaction))
        {
            lockRow.Parameters.AddWithValue("id", caseId);
            (await lockRow.ExecuteScalarAsync()).Should().Be(caseId);
        }

        var waited = Stopwatch.StartNew();
        var refused = await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{caseId}/sessions");
            s.WithRequestHeader("Idempotency-Key", Guid.NewGuid().ToString());
            s.StatusCodeShouldBe(409);
            s.ContentTypeShouldBe("application/problem+json");
        });
        waited.Stop();

        refused.Context.Response.Headers.RetryAfter.ToString().Should().Be("2");
        refused.Context.Response.Headers.XContentTypeOptions.ToString().Should().Be("nosniff");
        JsonDocument.Parse(await refused.ReadAsTextAsync()).RootElement.GetProperty("type").GetString()
            .Should().Be("https://jkp-counseling.example/problems/case-locked");
        waited.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(2.5)).And.BeLessThan(TimeSpan.FromSeconds(10));
        (await api.EventCountAsync()).Should().Be(before);

        await transaction.RollbackAsync();
        await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{caseId}/sessions");
            s.StatusCodeShouldBe(200);
        });
        (await api.EventCountAsync()).Should().Be(before + 1);
    }
}
