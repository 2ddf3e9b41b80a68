using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Audit.Verification;
using Counseling.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Marten.Events;
using Npgsql;

namespace Counseling.Api.Tests.PersonalData;

[Collection(ApiCollection.Name)]
public class ErasureTests(ApiFixture api)
{
    /// <summary>Everything the database holds about a case: its events, snapshot, caseload entry, key and index entry.</summary>
    private async Task<string> StoredTextAsync(Guid caseId)
    {
        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
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

    private async Task<string> GetTextAsync(string url, string? token = null)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url(url);
            if (token is not null) s.WithBearerToken(token);
            s.StatusCodeShouldBe(200);
        });
        return await result.ReadAsTextAsync();
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private async Task<(Worker Worker, Journey Journey)> OpenCaseWithNotesAsync()
    {
        var worker = Worker.New();
        var journey = await Journey.OpenAsync(api, worker.Intake());
        await journey.PostAsync("sessions", worker.Session(api.Now), 200);
        return (worker, journey);
    }

    /// <summary>Requested by <paramref name="token"/>'s holder, approved by another administrator.</summary>
    private Task EraseAsync(Guid caseId, string token) => api.EraseAsync(caseId, token, "PDP-2026-0042");

    [Fact]
    public async Task Identity_claim_reference_and_notes_are_stored_encrypted_and_read_back_by_those_allowed()
    {
        var (worker, journey) = await OpenCaseWithNotesAsync();
        await journey.AssessAsync("readyForWork");
        await journey.ReassignAsync("c-006");

        var stored = await StoredTextAsync(journey.CaseId);
        stored.Should().Contain("pdp1:");
        foreach (var secret in worker.Secrets.Concat(["mesin bubut", "Kabupaten Bekasi, shift pagi", "Pembagian beban kerja."]))
            stored.Should().NotContain(secret);

        var view = Json(await GetTextAsync($"/cases/{journey.CaseId}", api.TokenFor("s-001", Role.Supervisor, "bekasi")));
        var shown = view.GetProperty("worker");
        shown.GetProperty("nik").GetString().Should().Be(worker.Nik);
        shown.GetProperty("fullName").GetString().Should().Be(worker.FullName);
        shown.GetProperty("birthDate").GetString().Should().Be(worker.BirthDate);
        shown.GetProperty("phone").GetString().Should().Be(worker.Phone);
        shown.GetProperty("bpjsMembershipNumber").GetString().Should().Be(worker.Bpjs);

        var events = await GetTextAsync($"/cases/{journey.CaseId}/events", api.TokenFor("a-001", Role.Auditor, null));
        events.Should().Contain(worker.Note).And.Contain(worker.JkpClaim).And.Contain("Kabupaten Bekasi, shift pagi").And.NotContain("pdp1:");
        var history = await GetTextAsync($"/cases/{journey.CaseId}/history", api.TokenFor("a-001", Role.Auditor, null));
        history.Should().Contain("Pembagian beban kerja.").And.Contain(worker.JkpClaim);
    }

    [Fact]
    public async Task After_an_erasure_every_read_route_shows_erased_the_NIK_finds_nothing_and_the_same_worker_may_open_a_new_case()
    {
        var (worker, journey) = await OpenCaseWithNotesAsync();
        await journey.AssessAsync("readyForWork");
        journey = await journey.HandOverAsync("c-006");
        await journey.CloseAsync("withdrew");
        await journey.ReopenAsync();
        await journey.PostAsync("sessions", worker.Session(api.Now), 200);
        var supervisor = api.TokenFor("s-001", Role.Supervisor, "bekasi");
        var auditor = api.TokenFor("a-001", Role.Auditor, null);

        await EraseAsync(journey.CaseId, supervisor);

        var shown = Json(await GetTextAsync($"/cases/{journey.CaseId}", supervisor)).GetProperty("worker");
        foreach (var field in new[] { "nik", "fullName", "birthDate", "phone", "bpjsMembershipNumber" })
            shown.GetProperty(field).GetString().Should().Be("[erased]", field);
        (await GetTextAsync($"/cases/{journey.CaseId}?version=1", auditor)).Should().Contain("[erased]").And.NotContain(worker.FullName);

        var events = await GetTextAsync($"/cases/{journey.CaseId}/events", auditor);
        var eventList = Json(events).EnumerateArray().ToList();
        var opened = eventList[0].GetProperty("data");
        opened.GetProperty("jkpClaimReference").GetString().Should().Be("[erased]");
        opened.GetProperty("worker").GetProperty("fullName").GetString().Should().Be("[erased]");
        eventList.Where(e => e.GetProperty("type").GetString() == "counseling_session_logged")
            .Select(e => e.GetProperty("data").GetProperty("notes").GetString()).Should().Equal("[erased]", "[erased]");
        eventList.Single(e => e.GetProperty("type").GetString() == "case_reopened")
            .GetProperty("data").GetProperty("reason").GetString().Should().Be("[erased]");
        eventList.Single(e => e.GetProperty("type").GetString() == "self_assessment_recorded")
            .GetProperty("data").GetProperty("workPreferences").GetString().Should().Be("[erased]");
        foreach (var secret in worker.Secrets) events.Should().NotContain(secret);

        var history = await GetTextAsync($"/cases/{journey.CaseId}/history", auditor);
        history.Should().Contain("Case reopened on").And.Contain(": [erased]").And.NotContain("Pekerja menghubungi kembali kantor.");

        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var listed = Json(await GetTextAsync("/counselors/c-006/caseload?pageSize=100", supervisor)).GetProperty("items")
            .EnumerateArray().Single(i => i.GetProperty("caseId").GetGuid() == journey.CaseId);
        listed.GetProperty("workerName").GetString().Should().Be("[erased]");
        listed.GetProperty("maskedNik").GetString().Should().Be("[erased]");
        var followUps = Json(await GetTextAsync($"/counselors/c-006/follow-ups?from={api.Today.ToString("yyyy-MM-dd")}&to=" +
            api.Today.AddDays(14).ToString("yyyy-MM-dd"), supervisor));
        followUps.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("caseId").GetGuid() == journey.CaseId)
            .GetProperty("workerName").GetString().Should().Be("[erased]");

        (await GetTextAsync($"/cases?nik={worker.Nik}")).Should().Be("""{"items":[]}""");
        var stored = await StoredTextAsync(journey.CaseId);
        foreach (var secret in worker.Secrets) stored.Should().NotContain(secret);

        // The journey stays: stage, sessions, statistics; a new intake of the same worker is another case.
        (await journey.ReadAsync()).GetProperty("sessionsCount").GetInt32().Should().Be(2);
        await journey.LogSessionAsync();
        var second = await api.Host.OpenCaseAsync(worker.Intake());
        second.Should().NotBe(journey.CaseId);
        (await api.MismatchesOfAsync(journey.CaseId, second)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_caseload_shows_name_and_masked_NIK_until_an_erasure_and_erased_after()
    {
        var worker = Worker.New();
        // Counselor c-006 has few cases, so this one is on the first page of their caseload.
        var caseId = (await (await Journey.OpenAsync(api, worker.Intake())).HandOverAsync("c-006")).CaseId;
        var supervisor = api.TokenFor("s-001", Role.Supervisor, "bekasi");

        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var item = Json(await GetTextAsync("/counselors/c-006/caseload?pageSize=100", supervisor)).GetProperty("items")
            .EnumerateArray().Single(i => i.GetProperty("caseId").GetGuid() == caseId);
        item.GetProperty("workerName").GetString().Should().Be(worker.FullName);
        item.GetProperty("maskedNik").GetString().Should().Be("************" + worker.Nik[^4..]);

        await EraseAsync(caseId, api.TokenFor("adm-001", Role.Admin, null));

        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        item = Json(await GetTextAsync("/counselors/c-006/caseload?pageSize=100", supervisor)).GetProperty("items")
            .EnumerateArray().Single(i => i.GetProperty("caseId").GetGuid() == caseId);
        item.GetProperty("workerName").GetString().Should().Be("[erased]");
        item.GetProperty("maskedNik").GetString().Should().Be("[erased]");
    }

    [Theory]
    [InlineData(Role.Counselor, "c-001", "bekasi", 403)]
    [InlineData(Role.Auditor, "a-001", null, 403)]
    [InlineData(Role.Supervisor, "s-002", "pasker-jakarta", 403)]
    [InlineData(Role.Admin, "adm-001", null, 200)]
    public async Task Erasure_is_requested_by_an_administrator_or_the_office_supervisor(Role role, string user, string? office, int expected)
    {
        var caseId = await api.Host.OpenCaseAsync();

        await api.Host.Scenario(s =>
        {
            s.Post.Json(new { requestReference = "PDP-2026-0043" }).ToUrl($"/cases/{caseId}/personal-data-erasure");
            s.WithBearerToken(api.TokenFor(user, role, office));
            s.StatusCodeShouldBe(expected);
        });
    }

    [Fact]
    public async Task Logs_never_hold_a_NIK_a_phone_number_a_name_or_a_note()
    {
        var (worker, journey) = await OpenCaseWithNotesAsync();
        // Refused and malformed requests are where values most often slip into logs.
        await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.OpenCase(nik: "32750144078800AB")).ToUrl("/cases");
            s.StatusCodeShouldBe(400);
        });
        await api.Host.Scenario(s =>
        {
            s.Post.Text($$"""{"worker": {"nik": {{worker.Nik}}, "fullName": "{{worker.FullName}}"}""").ToUrl("/cases");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });
        await api.Host.Scenario(s =>
        {
            s.Post.Json(worker.Intake()).ToUrl("/cases");
            s.StatusCodeShouldBe(409);
        });
        await GetTextAsync($"/cases?nik={worker.Nik}");
        await journey.CloseAsync("placed", 409);

        api.Logs.Lines.Should().NotBeEmpty();
        api.Logs.Lines.Should().NotContain(line => worker.Secrets.Append("32750144078800AB").Any(line.Contains));
    }
}
