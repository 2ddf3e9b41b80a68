using Alba;
using Counseling.Api.Audit;
using Counseling.Api.Audit.Checkpoints;
using Counseling.Api.Audit.Verification;
using Counseling.Api.Tests.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Counseling.Api.Tests.Audit;

[Collection(ApiCollection.Name)]
public class ResealTests(ApiFixture api)
{
    /// <summary>Rewrites a case's seals as the service wrote them before seals were keyed (plain SHA-256).</summary>
    private async Task SealTheOldWayAsync(Guid caseId, bool tamperAfterwards)
    {
        var history = api.Host.Services.GetRequiredService<StoredHistory>();
        var events = new List<StoredEvent>();
        await foreach (var e in history.ReadAsync(0, null, CancellationToken.None))
            if (e.StreamId == caseId) events.Add(e);

        await using (var session = api.Store.LightweightSession())
        {
            var previous = EventSeal.Genesis;
            foreach (var e in events.OrderBy(e => e.Version))
            {
                var hash = LegacySeals.HashAfter(e.SealedFields, previous);
                session.Store(new EventSeal(EventSeal.IdFor(caseId, e.Version), caseId, e.Version, previous, hash));
                previous = hash;
            }
            await session.SaveChangesAsync();
        }
        if (!tamperAfterwards) return;
        await using var connection = api.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var edit = new NpgsqlCommand(
            "update counseling.mt_events set user_name = 'c-999' where stream_id = @case and version = 2", connection);
        edit.Parameters.AddWithValue("case", caseId);
        await edit.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Unkeyed_seals_are_reported_then_resealed_with_the_key_unless_they_no_longer_verify()
    {
        var trusted = await Journey.OpenAsync(api);
        await trusted.LogSessionAsync();
        var tampered = await Journey.OpenAsync(api);
        await tampered.LogSessionAsync();
        // The caseloads must have taken the events as recorded before one is changed under them.
        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        await SealTheOldWayAsync(trusted.CaseId, tamperAfterwards: false);
        await SealTheOldWayAsync(tampered.CaseId, tamperAfterwards: true);
        var verifier = api.Host.Services.GetRequiredService<StoreVerifier>();

        (await verifier.VerifyAsync()).Mismatches.Where(m => m.StreamId == trusted.CaseId).Select(m => m.Kind)
            .Should().Equal(MismatchKind.SealNotKeyed, MismatchKind.SealNotKeyed, MismatchKind.SealNotKeyed); // intake, JKP claim, session

        var (resealed, refused) = await AuditResealCommand.ResealAsync(api.Store,
            api.Host.Services.GetRequiredService<StoredHistory>(), api.Host.Services.GetRequiredService<SealKey>(), CancellationToken.None);

        resealed.Should().Be(1);
        refused.Should().Equal(tampered.CaseId);
        var after = await verifier.VerifyAsync();
        after.Mismatches.Should().NotContain(m => m.StreamId == trusted.CaseId);
        after.Mismatches.Where(m => m.StreamId == tampered.CaseId).Select(m => m.Kind).Should().OnlyContain(k => k == MismatchKind.SealNotKeyed);

        // Leave the shared store consistent for the other tests: the tampered case is put back and re-sealed.
        await using var connection = api.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var undo = new NpgsqlCommand(
            "update counseling.mt_events set user_name = 'c-001' where stream_id = @case and version = 2", connection);
        undo.Parameters.AddWithValue("case", tampered.CaseId);
        await undo.ExecuteNonQueryAsync();
        (await AuditResealCommand.ResealAsync(api.Store, api.Host.Services.GetRequiredService<StoredHistory>(),
            api.Host.Services.GetRequiredService<SealKey>(), CancellationToken.None)).Resealed.Should().Be(1);
    }
}
