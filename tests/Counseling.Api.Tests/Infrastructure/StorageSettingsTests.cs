using Counseling.Api.Tests.Infrastructure;
using Marten;

namespace Counseling.Api.Tests.Infrastructure;

/// <summary>Settings the service's own connections carry to PostgreSQL (Infrastructure/StoreConfiguration.cs).</summary>
[Collection(ApiCollection.Name)]
public class StorageSettingsTests(ApiFixture api)
{
    [Fact]
    public async Task Documents_over_the_toast_threshold_are_compressed_with_lz4()
    {
        var journey = await Journey.OpenAsync(api);
        // Enough sessions that the case's snapshot is well over PostgreSQL's 2 KB TOAST threshold.
        for (var i = 0; i < 12; i++) await journey.LogSessionAsync();

        await using var session = api.Store.QuerySession();
        var compression = await session.AdvancedSql.QueryAsync<string>(
            $"select coalesce(pg_column_compression(data), 'none') from {api.Store.Options.DatabaseSchemaName}.mt_doc_counselingcase where id = ?",
            CancellationToken.None, journey.CaseId);

        compression.Should().Equal("lz4");
    }
}
