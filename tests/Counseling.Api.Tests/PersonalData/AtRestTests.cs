using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Audit;
using Counseling.Api.Audit.Verification;
using Counseling.Api.Infrastructure;
using Counseling.Api.PersonalData;
using Counseling.Api.Tests.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Tools.PersonalData;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Counseling.Api.Tests.PersonalData;

[Collection(ApiCollection.Name)]
public class AtRestTests(ApiFixture api)
{
    private const string PgDump = "/usr/lib/postgresql/15/bin/pg_dump";

    private async Task<Worker> FullJourneyAsync()
    {
        var worker = Worker.New();
        var journey = await Journey.OpenAsync(api, worker.Intake());
        await journey.PostAsync("sessions", worker.Session(api.Now), 200);
        await journey.AssessAsync("readyForWork");
        journey = await journey.HandOverAsync("c-006");
        await journey.CloseAsync("withdrew");
        await journey.ReopenAsync();
        // A retried write answers from the stored response: that store is in the dump too.
        await api.Host.Scenario(s =>
        {
            s.Post.Json(worker.Session(api.Now)).ToUrl($"/cases/{journey.CaseId}/sessions");
            s.WithBearerToken(api.TokenFor("c-006", Role.Counselor, "bekasi"));
            s.WithRequestHeader("Idempotency-Key", Guid.NewGuid().ToString());
            s.StatusCodeShouldBe(200);
        });
        return worker with { CaseId = journey.CaseId };
    }

    private async Task<string> DumpAsync()
    {
        var settings = new NpgsqlConnectionStringBuilder(api.ConnectionString);
        var start = new ProcessStartInfo(PgDump)
        {
            ArgumentList = { "-h", settings.Host!, "-p", settings.Port.ToString(), "-U", settings.Username ?? Environment.UserName, "-d", settings.Database! },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (settings.Password is { } password) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var dump = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, errors);
        return await dump;
    }

    [Fact]
    public async Task A_pg_dump_of_the_database_holds_no_identity_value_or_note_of_a_live_case_or_an_erased_one()
    {
        var live = await FullJourneyAsync();
        var erased = await FullJourneyAsync();
        await api.EraseAsync(erased.CaseId!.Value, api.TokenFor("s-001", Role.Supervisor, "bekasi"), "PDP-2026-0100");
        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var dump = await DumpAsync();

        dump.Should().Contain(live.CaseId.ToString()).And.Contain(erased.CaseId.ToString()).And.Contain("pdp1:");
        foreach (var secret in live.Secrets.Concat(erased.Secrets).Concat(["Pekerja menghubungi kembali kantor.", "Kabupaten Bekasi, shift pagi"]))
            dump.Should().NotContain(secret);
        // Data keys are stored wrapped only; the erased case's key and blind-index entry are gone.
        await using var session = api.Store.QuerySession();
        (await session.Query<PersonalDataKey>().Where(k => k.Key != null).CountAsync()).Should().Be(0);
        (await session.LoadAsync<PersonalDataKey>(erased.CaseId!.Value)).Should().BeNull();
        (await session.LoadAsync<NikIndexEntry>(erased.CaseId!.Value)).Should().BeNull();
        (await session.LoadAsync<NikIndexEntry>(live.CaseId!.Value)).Should().NotBeNull();
    }

    [Fact]
    public async Task Rotating_the_master_key_rewraps_every_data_key_leaves_the_events_as_they_were_and_keeps_every_case_readable()
    {
        var worker = await FullJourneyAsync();
        var keys = api.Host.Services.GetRequiredService<ServiceKeys>();
        var oldMaster = keys.Find(PersonalDataKeyRing.MasterKeyName)!;
        var eventsBefore = await StoredEventsAsync(worker.CaseId!.Value);

        var outcome = await new MasterKeyRotation(api.Store, keys).RotateAsync();

        outcome.PreviousMasterKeyId.Should().Be(PersonalDataKeyRing.IdOf(oldMaster));
        outcome.MasterKeyId.Should().Be(PersonalDataKeyRing.IdOf(keys.Find(PersonalDataKeyRing.MasterKeyName)!)).And.NotBe(outcome.PreviousMasterKeyId);
        outcome.Rewrapped.Should().BeGreaterThan(0);
        keys.Find(PersonalDataKeyRing.PreviousMasterKeyName).Should().BeNull();
        await using (var session = api.Store.QuerySession())
            (await session.Query<PersonalDataKey>().Where(k => k.MasterKeyId != outcome.MasterKeyId).CountAsync()).Should().Be(0);
        (await StoredEventsAsync(worker.CaseId.Value)).Should().Be(eventsBefore);

        var view = await GetJsonAsync($"/cases/{worker.CaseId}", api.TokenFor("a-001", Role.Auditor, null));
        view.GetProperty("worker").GetProperty("nik").GetString().Should().Be(worker.Nik);
        (await GetJsonAsync($"/cases/{worker.CaseId}/events", api.TokenFor("a-001", Role.Auditor, null))).GetRawText().Should().Contain(worker.Note);
        // The old master key alone no longer unwraps anything.
        await using (var session = api.Store.QuerySession())
        {
            var stored = (await session.LoadAsync<PersonalDataKey>(worker.CaseId.Value))!;
            var unwrapWithOld = () => PersonalDataKeyRing.UnwrapWith(stored, oldMaster);
            unwrapWithOld.Should().Throw<CryptographicException>();
        }
        // New intakes are wrapped under the new key.
        var next = Worker.New();
        var nextCase = await api.Host.OpenCaseAsync(next.Intake());
        (await GetJsonAsync($"/cases/{nextCase}")).GetProperty("worker").GetProperty("fullName").GetString().Should().Be(next.FullName);
        (await api.MismatchesOfAsync(worker.CaseId.Value, nextCase)).Should().BeEmpty();
    }

    /// <summary>
    /// A case written as the service wrote it before: NIK and phone encrypted under a data key kept in clear, name,
    /// birth date, BPJS number, claim reference and notes in clear; <paramref name="erased"/>: its key already destroyed.
    /// </summary>
    private async Task<(Guid CaseId, string Nik)> StoreOldCaseAsync(string name, string note, bool erased = false)
    {
        var caseId = Guid.CreateVersion7();
        var legacyKey = new CaseKey(caseId, RandomNumberGenerator.GetBytes(32));
        var nik = Requests.NewNik();
        var opened = new CaseOpened(caseId, "bekasi", "c-001",
            new WorkerDetails(PersonalDataProtection.Protect(nik, legacyKey), name, "1979-08-17",
                PersonalDataProtection.Protect("081211112222", legacyKey), "20011112222"),
            new EndedEmployment("PT Lama Jaya", "Operator", new DateOnly(2026, 9, 30), TerminationReason.Efficiency, 4_800_000),
            $"JKP-LAMA-{nik[^6..]}", 30, api.Now.AddDays(-20));
        object[] events =
        [
            opened,
            new CounselingSessionLogged(Guid.CreateVersion7(), api.Now.AddDays(-19), SessionMode.Phone, 15, [SessionTopic.Other], note, null),
            .. erased ? [new WorkerPersonalDataErased("PDP-LAMA", api.Today.AddDays(-18))] : Array.Empty<object>(),
        ];
        // The store as configured before: without the personal-data projection (sealed, as every event is).
        using var before = DocumentStore.For(options =>
        {
            StoreConfiguration.Configure(options, api.ConnectionString, StoreConfiguration.Schema);
            options.Projections.Add(new EventSealing(api.Host.Services.GetRequiredService<SealKey>()), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
        });
        await using var session = before.LightweightSession();
        AuditTrail.Stamp(session, "c-001", "counselor", "legacy-intake");
        if (!erased) session.Store(new PersonalDataKey { Id = caseId, CreatedAt = opened.OpenedAt, Key = legacyKey.Key });
        session.Events.StartStream<CounselingCase>(caseId, events);
        await session.SaveChangesAsync();
        return (caseId, nik);
    }

    private async Task<string> StoredTextAsync(Guid caseId)
    {
        await using var connection = api.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select coalesce(string_agg(data::text, ' '), '') from counseling.mt_events where stream_id = @id
            union all select coalesce(string_agg(data::text, ' '), '') from counseling.mt_doc_counselingcase where id = @id
            union all select coalesce(string_agg(data::text, ' '), '') from counseling.mt_doc_caseloadentry where id = @id
            """, connection);
        command.Parameters.AddWithValue("id", caseId);
        var texts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) texts.Add(reader.GetString(0));
        return string.Join(' ', texts);
    }

    [Fact]
    public async Task The_one_off_protect_legacy_encrypts_what_old_events_hold_in_clear_and_erases_it_where_the_key_is_gone()
    {
        var (live, nik) = await StoreOldCaseAsync("Sumarni Wulandari Lama", "Catatan lama tentang keluarga Sumarni.");
        var (erased, _) = await StoreOldCaseAsync("Joko Prasetyo Lama", "Catatan lama tentang Joko.", erased: true);
        // One old case changed after it was sealed: re-sealing it would vouch for the change, so it is left as it is.
        var (tampered, _) = await StoreOldCaseAsync("Sri Mulyani Lama", "Catatan lama tentang Sri.");
        await using (var connection = api.Store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync();
            await using var tamper = new NpgsqlCommand("update counseling.mt_events set data = jsonb_set(data, '{durationMinutes}', '90') " +
                                                       "where stream_id = @id and type = 'counseling_session_logged'", connection);
            tamper.Parameters.AddWithValue("id", tampered);
            (await tamper.ExecuteNonQueryAsync()).Should().Be(1);
        }
        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        (await StoredTextAsync(live)).Should().Contain("Sumarni Wulandari Lama");
        (await StoredTextAsync(erased)).Should().Contain("Joko Prasetyo Lama");
        var migration = new LegacyPersonalDataProtection(api.Store, api.Host.Services.GetRequiredService<PersonalDataKeyRing>(),
            api.Host.Services.GetRequiredService<NikBlindIndex>(), api.Host.Services.GetRequiredService<Counseling.Api.Audit.SealKey>(),
            api.Host.Services.GetRequiredService<Counseling.Api.Audit.Checkpoints.StoredHistory>());

        var outcome = await migration.RunAsync();

        outcome.Streams.Should().BeGreaterThanOrEqualTo(2);
        outcome.Refused.Should().Contain(tampered).And.NotContain([live, erased]);
        (await StoredTextAsync(tampered)).Should().Contain("Sri Mulyani Lama", "a stream whose seals do not verify is not rewritten");
        (await api.MismatchesOfAsync(tampered)).Should().NotBeEmpty();
        var stored = await StoredTextAsync(live) + await StoredTextAsync(erased);
        foreach (var clear in new[] { "Sumarni", "Joko", "Catatan lama", "1979-08-17", "20011112222", "JKP-LAMA-" })
            stored.Should().NotContain(clear);
        var auditor = api.TokenFor("a-001", Role.Auditor, null);
        var worker = (await GetJsonAsync($"/cases/{live}", auditor)).GetProperty("worker");
        worker.GetProperty("fullName").GetString().Should().Be("Sumarni Wulandari Lama");
        worker.GetProperty("birthDate").GetString().Should().Be("1979-08-17");
        (await GetJsonAsync($"/cases/{live}/events", auditor)).GetRawText().Should().Contain("Catatan lama tentang keluarga Sumarni.");
        (await GetJsonAsync($"/cases/{erased}", auditor)).GetProperty("worker").GetProperty("fullName").GetString().Should().Be("[erased]");
        (await GetJsonAsync($"/cases?nik={nik}", auditor)).GetProperty("items")[0].GetProperty("caseId").GetGuid().Should().Be(live);
        var again = await migration.RunAsync();
        again.Streams.Should().Be(0);
        again.Refused.Should().Contain(tampered);
        (await api.MismatchesOfAsync(live, erased)).Should().BeEmpty();
    }

    private LegacyPersonalDataProtection Upgrade() => new(api.Store, api.Host.Services.GetRequiredService<PersonalDataKeyRing>(),
        api.Host.Services.GetRequiredService<NikBlindIndex>(), api.Host.Services.GetRequiredService<Counseling.Api.Audit.SealKey>(),
        api.Host.Services.GetRequiredService<Counseling.Api.Audit.Checkpoints.StoredHistory>());

    [Fact]
    public async Task A_case_stored_before_this_change_with_plain_name_and_birth_date_stays_readable_and_is_erased_like_any_other()
    {
        var (caseId, nik) = await StoreOldCaseAsync("Bambang Sutrisno Lama", "Catatan lama dalam teks biasa.");
        var auditor = api.TokenFor("a-001", Role.Auditor, null);
        // Before the upgrade its key is in clear, which the service does not use: its values read as unreadable.
        (await GetJsonAsync($"/cases/{caseId}", auditor)).GetProperty("worker").GetProperty("nik").GetString().Should().Be("[unreadable]");
        // The upgrade encrypts its clear values and wraps its key (once the caseload has the case, which it rewrites too).
        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        (await Upgrade().RunAsync()).Streams.Should().BeGreaterThanOrEqualTo(1);
        await using (var query = api.Store.QuerySession())
            (await query.LoadAsync<PersonalDataKey>(caseId))!.WrappedKey.Should().NotBeNull();

        var worker = (await GetJsonAsync($"/cases/{caseId}", auditor)).GetProperty("worker");
        worker.GetProperty("nik").GetString().Should().Be(nik);
        worker.GetProperty("fullName").GetString().Should().Be("Bambang Sutrisno Lama");
        worker.GetProperty("birthDate").GetString().Should().Be("1979-08-17");
        (await GetJsonAsync($"/cases/{caseId}/events", auditor)).GetRawText().Should().Contain("Catatan lama dalam teks biasa.");
        // A new note on the old case is encrypted with its (old, now wrapped) key, and a rotation re-wraps that key.
        await new Journey(api, caseId).PostAsync("sessions", Requests.LogSession(api.Now), 200);
        (await StoredEventsAsync(caseId)).Should().NotContain("info lowongan walk-in");
        await new MasterKeyRotation(api.Store, api.Host.Services.GetRequiredService<ServiceKeys>()).RotateAsync();
        await using (var query = api.Store.QuerySession())
        {
            var wrapped = (await query.LoadAsync<PersonalDataKey>(caseId))!;
            wrapped.Key.Should().BeNull();
            wrapped.WrappedKey.Should().NotBeNull();
        }
        (await GetJsonAsync($"/cases/{caseId}/events", auditor)).GetRawText().Should().Contain("info lowongan walk-in").And.Contain("Catatan lama");

        await api.EraseAsync(caseId, api.TokenFor("adm-001", Role.Admin, null), "PDP-2026-0101");

        var erased = (await GetJsonAsync($"/cases/{caseId}", auditor)).GetProperty("worker");
        erased.GetProperty("fullName").GetString().Should().Be("[erased]");
        erased.GetProperty("birthDate").GetString().Should().Be("[erased]");
        erased.GetProperty("bpjsMembershipNumber").GetString().Should().Be("[erased]");
        var events = (await GetJsonAsync($"/cases/{caseId}/events", auditor)).GetRawText();
        events.Should().NotContain("Bambang").And.NotContain("Catatan lama").And.NotContain("JKP-LAMA-");
        (await api.MismatchesOfAsync(caseId)).Should().BeEmpty();
    }

    /// <summary>
    /// Someone with the database replaces a case's wrapped data key with a key of their own, in clear, so that new notes
    /// would be encrypted with a key they know. The service uses wrapped keys only: the case's values read as unreadable
    /// and a write that would encrypt with that key is refused, appending nothing.
    /// </summary>
    [Fact]
    public async Task A_data_key_planted_in_clear_is_not_used_to_read_or_to_encrypt()
    {
        var caseId = await api.Host.OpenCaseAsync();
        var planted = RandomNumberGenerator.GetBytes(32);
        await using (var session = api.Store.LightweightSession())
        {
            session.Store(new PersonalDataKey { Id = caseId, CreatedAt = api.Now, Key = planted });
            await session.SaveChangesAsync();
        }
        var auditor = api.TokenFor("a-001", Role.Auditor, null);

        (await GetJsonAsync($"/cases/{caseId}", auditor)).GetProperty("worker").GetProperty("fullName").GetString().Should().Be("[unreadable]");
        var before = await StoredEventsAsync(caseId);
        var refused = await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{caseId}/sessions");
            s.StatusCodeShouldBe(500);
        });
        (await StoredEventsAsync(caseId)).Should().Be(before);
        (await refused.ReadAsTextAsync()).Should().NotContain(Convert.ToBase64String(planted));
    }

    private async Task<string> StoredEventsAsync(Guid caseId)
    {
        await using var connection = api.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select string_agg(data::text, ' ' order by version) from counseling.mt_events where stream_id = @id", connection);
        command.Parameters.AddWithValue("id", caseId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<JsonElement> GetJsonAsync(string url, string? token = null)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url(url);
            if (token is not null) s.WithBearerToken(token);
            s.StatusCodeShouldBe(200);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }
}
