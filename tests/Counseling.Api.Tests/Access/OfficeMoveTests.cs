using System.Text.Json;
using Alba;
using Marten;
using Marten.Events;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Access;

/// <summary>
/// Moving a counselor to another office (PUT /counselors/{id}) is refused while they have open cases at the old one;
/// once those are reassigned it goes through, and neither the counselor nor the new office's supervisor reaches the
/// old office's workers.
/// </summary>
[Collection(ApiCollection.Name)]
public class OfficeMoveTests(ApiFixture api)
{
    private string Admin => api.TokenFor("adm-001", Role.Admin, null);

    private static object Registration(string officeId) => new
    {
        fullName = "Agus Salim, S.Psi.", officeId,
        certificate = new { number = "AK-0901/PK/2025", issuedOn = "2025-01-06", expiresOn = "2030-01-05" },
    };

    private Task<IScenarioResult> PutAsync(string officeId, int status) => api.Host.Scenario(s =>
    {
        s.Put.Json(Registration(officeId)).ToUrl("/counselors/c-190");
        s.WithBearerToken(Admin);
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task A_move_waits_until_the_old_offices_open_cases_are_reassigned()
    {
        await PutAsync("bekasi", 200);
        var inBekasi = api.TokenFor("c-190", Role.Counselor, "bekasi");
        var opened = await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.OpenCase(counselorId: "c-190", nik: "3216061505900901")).ToUrl("/cases");
            s.WithBearerToken(inBekasi);
            s.StatusCodeShouldBe(201);
        });
        var caseId = (await opened.ReadAsJsonAsync<Versioned>()).Id;

        var refused = await PutAsync("pasker-jakarta", 409);
        var problem = JsonDocument.Parse(await refused.ReadAsTextAsync()).RootElement;
        problem.GetProperty("openCases").GetInt32().Should().Be(1);
        problem.GetProperty("field").GetString().Should().Be("officeId");
        problem.GetProperty("detail").GetString().Should().StartWith("c-190 has 1 open case(s) at office bekasi.");
        // Still registered at Bekasi: the refused move changed nothing.
        await api.Host.Scenario(s =>
        {
            s.Get.Url("/counselors/c-190/caseload");
            s.WithBearerToken(inBekasi);
            s.StatusCodeShouldBe(200);
        });

        await api.Host.Scenario(s =>
        {
            s.Post.Json(new { counselorId = "c-001", reason = "Pindah tugas ke Jakarta." }).ToUrl($"/cases/{caseId}/reassignment");
            s.WithBearerToken(api.TokenFor("s-001", Role.Supervisor, "bekasi"));
            s.StatusCodeShouldBe(200);
        });
        await PutAsync("pasker-jakarta", 200);

        var inJakarta = api.TokenFor("c-190", Role.Counselor, "pasker-jakarta");
        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var caseload = await api.Host.Scenario(s =>
        {
            s.Get.Url("/counselors/c-190/caseload");
            s.WithBearerToken(api.TokenFor("s-002", Role.Supervisor, "pasker-jakarta"));
            s.StatusCodeShouldBe(200);
        });
        JsonDocument.Parse(await caseload.ReadAsTextAsync()).RootElement.GetProperty("openCases").GetInt32().Should().Be(0);
        // The old token (Bekasi) no longer matches the registration; the new one reaches no Bekasi case.
        await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases/{caseId}");
            s.WithBearerToken(inBekasi);
            s.StatusCodeShouldBe(403);
        });
        await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases/{caseId}");
            s.WithBearerToken(inJakarta);
            s.StatusCodeShouldBe(403);
        });
    }

    [Fact]
    public async Task A_moved_counselor_cannot_reopen_a_closed_case_of_the_old_office()
    {
        await api.Host.Scenario(s =>
        {
            s.Put.Json(Registration("kalteng")).ToUrl("/counselors/c-191");
            s.WithBearerToken(Admin);
            s.StatusCodeShouldBe(200);
        });
        var inKalteng = api.TokenFor("c-191", Role.Counselor, "kalteng");
        var opened = await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.OpenCase(officeId: "kalteng", counselorId: "c-191", nik: "6271011505900001")).ToUrl("/cases");
            s.WithBearerToken(inKalteng);
            s.StatusCodeShouldBe(201);
        });
        var caseId = (await opened.ReadAsJsonAsync<Versioned>()).Id;
        await api.Host.Scenario(s =>
        {
            s.Post.Json(new { reason = "withdrew", notes = "Pindah kota." }).ToUrl($"/cases/{caseId}/closure");
            s.WithBearerToken(inKalteng);
            s.StatusCodeShouldBe(200);
        });
        await api.Host.Scenario(s =>
        {
            s.Put.Json(Registration("blk-pekalongan")).ToUrl("/counselors/c-191");
            s.WithBearerToken(Admin);
            s.StatusCodeShouldBe(200);
        });
        var before = await api.EventCountAsync();

        var refused = await api.Host.Scenario(s =>
        {
            s.Post.Json(new { reason = "Pekerja datang kembali." }).ToUrl($"/cases/{caseId}/reopening");
            s.WithBearerToken(api.TokenFor("c-191", Role.Counselor, "blk-pekalongan"));
            s.StatusCodeShouldBe(403);
        });
        JsonDocument.Parse(await refused.ReadAsTextAsync()).RootElement.GetProperty("detail").GetString()
            .Should().Be("The case belongs to office kalteng; you work at blk-pekalongan.");
        (await api.EventCountAsync()).Should().Be(before);
    }
}
