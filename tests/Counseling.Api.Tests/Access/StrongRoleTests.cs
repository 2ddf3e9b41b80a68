using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.ReferenceData;
using Counseling.Api.Tests.Infrastructure;
using Counseling.Domain.Counselors;
using Marten;

namespace Counseling.Api.Tests.Access;

/// <summary>
/// Administrators and auditors are honoured only while registered, every registration change is a sealed event, and an
/// erasure takes two people: requested by one, approved by another administrator.
/// </summary>
[Collection(ApiCollection.Name)]
public class StrongRoleTests(ApiFixture api)
{
    private string Admin => api.TokenFor("adm-001", Role.Admin, null);

    private async Task<(int Status, JsonElement Body)> SendAsync(string method, string url, string token, object? body = null)
    {
        var result = await api.Host.Scenario(s =>
        {
            switch (method)
            {
                case "GET": s.Get.Url(url); break;
                case "PUT": s.Put.Json(body!).ToUrl(url); break;
                default: s.Post.Json(body!).ToUrl(url); break;
            }
            s.WithBearerToken(token);
            s.WithRequestHeader("Idempotency-Key", Guid.NewGuid().ToString());
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return (result.Context.Response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<IReadOnlyList<(string Type, string? User)>> RegistrationEventsAsync(string role, string userId)
    {
        await using var session = api.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(OfficialStreams.StreamIdFor(role, userId));
        return [.. events.Select(e => (e.EventTypeName, e.UserName))];
    }

    [Fact]
    public async Task An_unregistered_administrator_is_refused_saying_what_is_missing_and_writes_nothing()
    {
        var before = await api.FootprintAsync();

        var (status, problem) = await SendAsync("PUT", "/counselors/c-171", api.TokenFor("adm-404", Role.Admin, null), new
        {
            fullName = "Uji", officeId = "bekasi", certificate = new { number = "X/1", issuedOn = "2026-01-01", expiresOn = "2028-01-01" },
        });

        status.Should().Be(403);
        problem.GetProperty("detail").GetString().Should().Be("adm-404 is not registered as an administrator.");
        (await api.FootprintAsync()).Should().Be(before);
    }

    [Fact]
    public async Task An_unregistered_auditor_is_refused_saying_what_is_missing()
    {
        var caseId = await api.Host.OpenCaseAsync();

        var (status, problem) = await SendAsync("GET", $"/cases/{caseId}/events", api.TokenFor("a-404", Role.Auditor, null));

        status.Should().Be(403);
        problem.GetProperty("detail").GetString().Should().Be("a-404 is not registered as an auditor.");
    }

    [Fact]
    public async Task An_auditor_registered_by_an_administrator_reads_until_deregistered_and_each_change_is_a_recorded_event()
    {
        var auditor = api.TokenFor("a-160", Role.Auditor, null);
        (await SendAsync("GET", "/audit/checkpoint-keys", auditor)).Status.Should().Be(403);

        (await SendAsync("PUT", "/auditors/a-160", Admin, new { fullName = "Wahyu Nugroho" })).Status.Should().Be(200);
        (await SendAsync("GET", "/audit/checkpoint-keys", auditor)).Status.Should().Be(200);
        (await SendAsync("PUT", "/auditors/a-160", Admin, new { fullName = "Wahyu Nugroho, Ak." })).Status.Should().Be(200);

        var (status, body) = await SendAsync("POST", "/deregistrations", Admin, new { role = "auditor", userId = "a-160", reason = "Pindah tugas" });
        status.Should().Be(200, body.ToString());
        (await SendAsync("GET", "/audit/checkpoint-keys", auditor)).Status.Should().Be(403);

        (await RegistrationEventsAsync("auditor", "a-160")).Should().Equal(
            ("official_registered", "adm-001"), ("official_name_corrected", "adm-001"), ("official_deregistered", "adm-001"));
        (await api.MismatchesOfAsync(OfficialStreams.StreamIdFor("auditor", "a-160"))).Should().BeEmpty("every registration event is sealed");
    }

    [Fact]
    public async Task A_supervisor_registration_and_move_are_recorded_as_events()
    {
        (await SendAsync("PUT", "/supervisors/s-171", Admin, new { fullName = "Uji Penyelia", officeId = "kalteng" })).Status.Should().Be(200);
        (await SendAsync("PUT", "/supervisors/s-171", Admin, new { fullName = "Uji Penyelia", officeId = "blk-pekalongan" })).Status.Should().Be(200);

        (await RegistrationEventsAsync("supervisor", "s-171")).Should().Equal(
            ("official_registered", "adm-001"), ("official_moved_office", "adm-001"));
        await using var session = api.Store.QuerySession();
        var moved = (await session.Events.FetchStreamAsync(OfficialStreams.StreamIdFor("supervisor", "s-171")))[1].Data;
        moved.Should().Be(new OfficialMovedOffice("supervisor", "s-171", "kalteng", "blk-pekalongan"));
    }

    [Fact]
    public async Task An_administrator_does_not_deregister_themselves_and_a_counselor_with_open_cases_is_not_deregistered()
    {
        var before = await api.FootprintAsync();

        var (self, problem) = await SendAsync("POST", "/deregistrations", Admin, new { role = "admin", userId = "adm-001", reason = "Keluar" });
        self.Should().Be(403);
        problem.GetProperty("detail").GetString().Should().Contain("another administrator");

        await api.Host.OpenCaseAsync(); // c-001 has open cases
        before = await api.FootprintAsync();
        var (busy, conflict) = await SendAsync("POST", "/deregistrations", Admin, new { role = "counselor", userId = "c-001", reason = "Keluar" });
        busy.Should().Be(409);
        conflict.GetProperty("openCases").GetInt32().Should().BePositive();

        var (unknown, missing) = await SendAsync("POST", "/deregistrations", Admin, new { role = "auditor", userId = "a-999", reason = "Keluar" });
        unknown.Should().Be(400);
        missing.GetProperty("errors").TryGetProperty("userId", out _).Should().BeTrue();
        (await api.FootprintAsync()).Should().Be(before);
    }

    [Fact]
    public async Task An_erasure_by_one_administrator_alone_is_refused_and_another_administrator_carries_it_out()
    {
        var journey = await Journey.OpenAsync(api);
        var url = $"/cases/{journey.CaseId}/personal-data-erasure";

        (await SendAsync("POST", url, Admin, new { requestReference = "PDP-2026-0300" })).Status.Should().Be(200);
        // Requested only: the worker's data is still there.
        (await journey.ReadAsync()).GetProperty("worker").GetProperty("fullName").GetString().Should().Be("Siti Rahmawati");

        var before = await api.FootprintAsync();
        var (own, problem) = await SendAsync("POST", url + "/approval", Admin, new { requestReference = "PDP-2026-0300" });
        own.Should().Be(403);
        problem.GetProperty("detail").GetString().Should().Be("adm-001 took in erasure request PDP-2026-0300: another administrator approves it.");
        var (supervisor, _) = await SendAsync("POST", url + "/approval", api.TokenFor("s-001", Role.Supervisor, "bekasi"), new { requestReference = "PDP-2026-0300" });
        supervisor.Should().Be(403);
        var (other, mismatch) = await SendAsync("POST", url + "/approval", api.TokenFor("adm-002", Role.Admin, null), new { requestReference = "PDP-2026-0999" });
        other.Should().Be(409, mismatch.ToString());
        (await api.FootprintAsync()).Should().Be(before);
        (await journey.ReadAsync()).GetProperty("worker").GetProperty("fullName").GetString().Should().Be("Siti Rahmawati");

        (await SendAsync("POST", url + "/approval", api.TokenFor("adm-002", Role.Admin, null), new { requestReference = "PDP-2026-0300" }))
            .Status.Should().Be(200);

        (await journey.ReadAsync()).GetProperty("worker").GetProperty("fullName").GetString().Should().Be("[erased]");
        await using var session = api.Store.QuerySession();
        (await session.Events.FetchStreamAsync(journey.CaseId)).TakeLast(3).Select(e => (e.EventTypeName, e.UserName)).Should().Equal(
            ("worker_personal_data_erasure_requested", "adm-001"),
            ("worker_personal_data_erasure_approved", "adm-002"),
            ("worker_personal_data_erased", "adm-002"));
    }

    [Fact]
    public async Task An_approval_without_a_pending_request_is_a_conflict_and_writes_nothing()
    {
        var caseId = await api.Host.OpenCaseAsync();
        var before = await api.FootprintAsync();

        var (status, _) = await SendAsync("POST", $"/cases/{caseId}/personal-data-erasure/approval", api.TokenFor("adm-002", Role.Admin, null),
            new { requestReference = "PDP-2026-0301" });

        status.Should().Be(409);
        (await api.FootprintAsync()).Should().Be(before);
    }
}
