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
    private const string Nik = "3275014407880005";
    private const string Phone = "081398765432";

    private async Task<string> StoredTextAsync(Guid caseId)
    {
        await using var connection = api.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select coalesce(string_agg(data::text, ' '), '') from counseling.mt_events where stream_id = @id
            union all select coalesce(string_agg(data::text, ' '), '') from counseling.mt_doc_counselingcase where id = @id
            """, connection);
        command.Parameters.AddWithValue("id", caseId);
        var texts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) texts.Add(reader.GetString(0));
        return string.Join(' ', texts);
    }

    private async Task<JsonElement> WorkerAsync(Guid caseId)
    {
        var result = await api.Host.Scenario(s => s.Get.Url($"/cases/{caseId}"));
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("worker");
    }

    private async Task<Guid> OpenCaseAsync()
    {
        var intake = JsonSerializer.SerializeToNode(Requests.OpenCase(nik: Nik))!;
        intake["worker"]!["phone"] = Phone;
        return await api.Host.OpenCaseAsync(intake);
    }

    [Fact]
    public async Task NIK_and_phone_are_stored_encrypted_and_read_back_by_those_allowed()
    {
        var caseId = await OpenCaseAsync();

        var stored = await StoredTextAsync(caseId);
        stored.Should().NotContain(Nik).And.NotContain(Phone).And.Contain("pdp1:");
        var worker = await WorkerAsync(caseId);
        worker.GetProperty("nik").GetString().Should().Be(Nik);
        worker.GetProperty("phone").GetString().Should().Be(Phone);
    }

    [Fact]
    public async Task An_erasure_makes_NIK_and_phone_unreadable_while_the_journey_and_verify_stay_intact()
    {
        var caseId = await OpenCaseAsync();
        var journey = new Journey(api, caseId);
        await journey.LogSessionAsync();
        await journey.AssessAsync("readyForWork");

        await api.Host.Scenario(s =>
        {
            s.Post.Json(new { requestReference = "PDP-2026-0042" }).ToUrl($"/cases/{caseId}/personal-data-erasure");
            s.WithBearerToken(api.TokenFor("s-001", Role.Supervisor, "bekasi"));
        });

        var worker = await WorkerAsync(caseId);
        worker.GetProperty("nik").GetString().Should().Be("[erased]");
        worker.GetProperty("phone").GetString().Should().Be("[erased]");
        worker.GetProperty("fullName").GetString().Should().Be("Siti Rahmawati");
        var events = await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases/{caseId}/events");
            s.WithBearerToken(api.TokenFor("a-001", Role.Auditor, null));
        });
        var eventsText = await events.ReadAsTextAsync();
        eventsText.Should().NotContain(Nik).And.NotContain(Phone).And.Contain("worker_personal_data_erased");
        (await StoredTextAsync(caseId)).Should().NotContain(Nik).And.NotContain(Phone);

        var state = await journey.ReadAsync();
        state.GetProperty("stage").GetString().Should().Be("assessment");
        state.GetProperty("sessionsCount").GetInt32().Should().Be(1);
        await journey.LogSessionAsync();
        (await api.Host.Services.GetRequiredService<StoreVerifier>().VerifyAsync()).Mismatches.Should().BeEmpty();
    }

    private async Task<string?> MaskedNikOnCaseloadAsync(Guid caseId)
    {
        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url("/counselors/c-006/caseload?pageSize=100");
            s.WithBearerToken(api.TokenFor("s-001", Role.Supervisor, "bekasi"));
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("caseId").GetGuid() == caseId)
            .Select(i => i.GetProperty("maskedNik").GetString())
            .SingleOrDefault();
    }

    [Fact]
    public async Task The_caseload_masks_the_NIK_until_an_erasure_and_shows_it_erased_after()
    {
        // Counselor c-006 has few cases, so this one is on the first page of their caseload.
        var caseId = (await new Journey(api, await OpenCaseAsync()).HandOverAsync("c-006")).CaseId;
        (await MaskedNikOnCaseloadAsync(caseId)).Should().Be("************0005");

        await api.Host.Scenario(s =>
        {
            s.Post.Json(new { requestReference = "PDP-2026-0044" }).ToUrl($"/cases/{caseId}/personal-data-erasure");
            s.WithBearerToken(api.TokenFor("adm-001", Role.Admin, null));
        });

        (await MaskedNikOnCaseloadAsync(caseId)).Should().Be("[erased]");
    }

    [Theory]
    [InlineData(Role.Counselor, "c-001", "bekasi", 403)]
    [InlineData(Role.Auditor, "a-001", null, 403)]
    [InlineData(Role.Supervisor, "s-002", "pasker-jakarta", 403)]
    [InlineData(Role.Admin, "adm-001", null, 200)]
    public async Task Erasure_is_carried_out_by_an_administrator_or_the_office_supervisor(Role role, string user, string? office, int expected)
    {
        var caseId = await OpenCaseAsync();

        await api.Host.Scenario(s =>
        {
            s.Post.Json(new { requestReference = "PDP-2026-0043" }).ToUrl($"/cases/{caseId}/personal-data-erasure");
            s.WithBearerToken(api.TokenFor(user, role, office));
            s.StatusCodeShouldBe(expected);
        });
    }

    [Fact]
    public async Task Logs_never_hold_a_NIK_a_phone_number_or_a_name()
    {
        var caseId = await OpenCaseAsync();
        // Refused and malformed requests are where values most often slip into logs.
        await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.OpenCase(nik: "32750144078800AB")).ToUrl("/cases");
            s.StatusCodeShouldBe(400);
        });
        await api.Host.Scenario(s =>
        {
            s.Post.Text($$"""{"worker": {"nik": {{Nik}}, "fullName": "Siti Rahmawati"}""").ToUrl("/cases");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });
        await new Journey(api, caseId).CloseAsync("placed", 409);

        api.Logs.Lines.Should().NotBeEmpty();
        api.Logs.Lines.Should().NotContain(line =>
            line.Contains(Nik) || line.Contains("32750144078800AB") || line.Contains(Phone) || line.Contains("Siti Rahmawati"));
    }
}
