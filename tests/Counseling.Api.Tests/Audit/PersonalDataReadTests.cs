using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Counseling.Api.Tests.Audit;

[Collection(ApiCollection.Name)]
public class PersonalDataReadTests(ApiFixture api)
{
    private async Task ReadAsync(string url, string token) =>
        await api.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(token);
        });

    [Fact]
    public async Task Reads_by_every_role_are_recorded_and_listed_for_auditors()
    {
        var caseId = await api.Host.OpenCaseAsync();
        var auditor = api.TokenFor("a-007", Role.Auditor, null);
        var supervisor = api.TokenFor("s-001", Role.Supervisor, "bekasi");

        await api.Host.Scenario(s => s.Get.Url($"/cases/{caseId}"));  // the assigned counselor is recorded too
        await ReadAsync($"/cases/{caseId}", auditor);
        await ReadAsync($"/cases/{caseId}/history", auditor);
        await ReadAsync($"/cases/{caseId}/events", supervisor);

        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url($"/audit/personal-data-reads?caseId={caseId}");
            s.WithBearerToken(auditor);
        });
        var reads = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.EnumerateArray()
            .Select(r => (Reader: r.GetProperty("readerId").GetString(), Role: r.GetProperty("role").GetString(), View: r.GetProperty("view").GetString()))
            .ToList();

        reads.Should().BeEquivalentTo(new[]
        {
            ("c-001", "counselor", "case"),
            ("a-007", "auditor", "case"),
            ("a-007", "auditor", "history"),
            ("s-001", "supervisor", "events"),
        });
    }

    [Fact]
    public async Task Caseload_worklist_and_follow_up_lists_are_recorded_as_reads_of_every_case_on_them_for_every_role()
    {
        // c-007: a counselor no other test uses, so that the lists hold this case and the reads are this test's.
        var counselor = api.TokenFor("c-007", Role.Counselor, "bekasi");
        var intake = System.Text.Json.JsonSerializer.SerializeToNode(Requests.OpenCase(counselorId: "c-007"))!;
        var opened = await api.Host.Scenario(s =>
        {
            s.Post.Json(intake).ToUrl("/cases");
            s.WithBearerToken(counselor);
            s.StatusCodeShouldBe(201);
        });
        var caseId = (await opened.ReadAsJsonAsync<Versioned>())!.Id;
        await new Journey(api, caseId, counselor).LogSessionAsync();
        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var auditor = api.TokenFor("a-007", Role.Auditor, null);
        var supervisor = api.TokenFor("s-001", Role.Supervisor, "bekasi");

        await ReadAsync("/counselors/c-007/caseload", counselor);
        await ReadAsync("/counselors/c-007/worklist?from=" + api.Today.ToString("yyyy-MM-dd") + "&to=" + api.Today.AddDays(30).ToString("yyyy-MM-dd"), supervisor);
        await ReadAsync("/counselors/c-007/follow-ups?from=" + api.Today.ToString("yyyy-MM-dd") + "&to=" + api.Today.AddDays(30).ToString("yyyy-MM-dd"), auditor);

        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url($"/audit/personal-data-reads?caseId={caseId}");
            s.WithBearerToken(auditor);
        });
        var reads = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.EnumerateArray()
            .Select(r => (Reader: r.GetProperty("readerId").GetString(), Role: r.GetProperty("role").GetString(), View: r.GetProperty("view").GetString()))
            .ToList();

        reads.Should().Contain(("c-007", "counselor", "caseload")).And.Contain(("s-001", "supervisor", "worklist"))
            .And.Contain(("a-007", "auditor", "follow-ups"));
    }

    [Fact]
    public async Task The_case_view_shows_the_worker_to_those_who_may_read_it()
    {
        var caseId = await api.Host.OpenCaseAsync(Requests.OpenCase(nik: "3216061505900055"));

        var result = await api.Host.Scenario(s => s.Get.Url($"/cases/{caseId}"));

        var worker = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("worker");
        worker.GetProperty("nik").GetString().Should().Be("3216061505900055");
        worker.GetProperty("fullName").GetString().Should().Be("Siti Rahmawati");
    }

    [Fact]
    public async Task Only_auditors_list_personal_data_reads()
    {
        await api.Host.Scenario(s =>
        {
            s.Get.Url("/audit/personal-data-reads");
            s.WithBearerToken(api.TokenFor("s-001", Role.Supervisor, "bekasi"));
            s.StatusCodeShouldBe(403);
        });
    }
}
