using System.Diagnostics;
using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Audit.Verification;
using Counseling.Api.Tests.Infrastructure;
using Counseling.Domain.Cases;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Counseling.Api.Tests.Audit;

[Collection(ApiCollection.Name)]
public class VerifyTests(ApiFixture api)
{
    private async Task<Journey> TwentyEventJourneyAsync()
    {
        var journey = await Journey.OpenAsync(api);
        for (var i = 0; i < 10; i++) await journey.LogSessionAsync();
        await journey.AssessAsync("needsTraining");
        var course = await journey.ReferToTrainingAsync();
        await journey.TrainingOutcomeAsync(course, "started");
        await journey.TrainingOutcomeAsync(course, "completed");
        var job = await journey.ReferToJobAsync();
        await journey.JobOutcomeAsync(job, "interviewScheduled");
        await journey.JobOutcomeAsync(job, "hired");
        journey = await journey.HandOverAsync("c-006");
        await journey.PlaceAsync(job);
        await journey.CloseAsync("placed");
        return journey;
    }

    [Fact]
    public async Task History_and_projections_agree_after_complete_journeys()
    {
        await TwentyEventJourneyAsync();

        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url("/audit/verify");
            s.WithBearerToken(api.TokenFor("a-001", Role.Auditor, null));
        });

        var report = await result.ReadAsJsonAsync<VerificationReport>();
        report.Mismatches.Should().BeEmpty();
        report.Consistent.Should().BeTrue();
        // Counted another way: every case's events (Marten's tombstones are not the service's) and snapshots.
        await using var query = api.Store.QuerySession();
        report.EventsChecked.Should().Be(await query.Events.QueryAllRawEvents().Where(e => e.EventTypeName != "tombstone").LongCountAsync());
        report.StreamsChecked.Should().Be(await query.Query<CounselingCase>().LongCountAsync());
        report.ProjectedDocumentsChecked.Should().BeGreaterThanOrEqualTo(report.StreamsChecked);
        report.CheckedAt.Should().Be(api.Now);
    }

    [Fact]
    public async Task An_event_edited_in_SQL_is_named_by_stream_and_sequence()
    {
        var journey = await TwentyEventJourneyAsync();
        const string tamper = "update counseling.mt_events set data = jsonb_set(data, '{notes}', '\"(diubah)\"') " +
                              "where stream_id = @stream and version = 5 returning seq_id, data::text";
        const string restore = "update counseling.mt_events set data = @data::jsonb where seq_id = @sequence";

        await using var connection = api.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        long sequence;
        string original;
        await using (var read = new NpgsqlCommand("select seq_id, data::text from counseling.mt_events where stream_id = @stream and version = 5", connection))
        {
            read.Parameters.AddWithValue("stream", journey.CaseId);
            await using var reader = await read.ExecuteReaderAsync();
            await reader.ReadAsync();
            (sequence, original) = (reader.GetInt64(0), reader.GetString(1));
        }

        try
        {
            await using (var edit = new NpgsqlCommand(tamper, connection))
            {
                edit.Parameters.AddWithValue("stream", journey.CaseId);
                await edit.ExecuteNonQueryAsync();
            }

            var report = await api.Host.Services.GetRequiredService<StoreVerifier>().VerifyAsync();

            report.Consistent.Should().BeFalse();
            report.Mismatches.Should().ContainSingle(m => m.Kind == MismatchKind.EventAltered)
                .Which.Should().Match<Mismatch>(m => m.StreamId == journey.CaseId && m.Sequence == sequence && m.Version == 5);
            report.Mismatches.Should().OnlyContain(m => m.StreamId == journey.CaseId);
        }
        finally
        {
            await using var undo = new NpgsqlCommand(restore, connection);
            undo.Parameters.AddWithValue("data", original);
            undo.Parameters.AddWithValue("sequence", sequence);
            await undo.ExecuteNonQueryAsync();
        }

        (await api.Host.Services.GetRequiredService<StoreVerifier>().VerifyAsync()).Consistent.Should().BeTrue();
    }

    [Fact]
    public async Task A_caseload_entry_edited_in_SQL_is_named_by_its_case()
    {
        var journey = await TwentyEventJourneyAsync();
        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        const string tamper = "update counseling.mt_doc_caseloadentry set data = jsonb_set(data, '{stage}', '\"Intake\"') where id = @id";
        const string restore = "update counseling.mt_doc_caseloadentry set data = jsonb_set(data, '{stage}', '\"Closed\"') where id = @id";
        await using var connection = api.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();

        try
        {
            await using (var edit = new NpgsqlCommand(tamper, connection))
            {
                edit.Parameters.AddWithValue("id", journey.CaseId);
                (await edit.ExecuteNonQueryAsync()).Should().Be(1);
            }

            var report = await api.Host.Services.GetRequiredService<StoreVerifier>().VerifyAsync();

            report.Mismatches.Should().ContainSingle().Which.Should().Match<Mismatch>(m =>
                m.Kind == MismatchKind.ProjectionDiffers && m.StreamId == journey.CaseId && m.Detail.Contains("CaseloadEntry"));
        }
        finally
        {
            await using var undo = new NpgsqlCommand(restore, connection);
            undo.Parameters.AddWithValue("id", journey.CaseId);
            await undo.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Martens_tombstones_for_a_failed_append_are_no_mismatch()
    {
        var journey = await TwentyEventJourneyAsync();
        await using var connection = api.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        async Task<long> TombstonesAsync()
        {
            await using var count = new NpgsqlCommand("select count(*) from counseling.mt_events where type = 'tombstone'", connection);
            return (long)(await count.ExecuteScalarAsync())!;
        }
        var before = await TombstonesAsync();

        // An append whose transaction fails after it took its sequence numbers (as when PostgreSQL goes away
        // mid-commit): Marten fills those numbers with tombstones, in the background, in a stream of their own.
        await using (var session = api.Store.LightweightSession())
        {
            session.Events.Append(journey.CaseId, new CounselingSessionLogged(
                Guid.NewGuid(), api.Now, SessionMode.Phone, 10, [SessionTopic.Other], "", null));
            session.QueueSqlCommand("select 1 / 0");
            var append = () => session.SaveChangesAsync();
            await append.Should().ThrowAsync<Exception>();
        }
        // Real time, not the service's clock: how long to wait for Marten's background work.
        var waited = Stopwatch.StartNew();
        while (await TombstonesAsync() == before && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(100);
        (await TombstonesAsync()).Should().BeGreaterThan(before, "Marten writes tombstones after a failed append");

        var report = await api.Host.Services.GetRequiredService<StoreVerifier>().VerifyAsync();

        report.Mismatches.Should().BeEmpty();
    }
}
