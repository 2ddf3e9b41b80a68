using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Access;

/// <summary>A supervisor's token is honoured only for the office their registration names (seeds/supervisors.json, PUT /supervisors/{id}).</summary>
[Collection(ApiCollection.Name)]
public class SupervisorRegistrationTests(ApiFixture api)
{
    private string Admin => api.TokenFor("adm-001", Role.Admin, null);

    private async Task<string> StatusAndDetailAsync(string url, string token)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(token);
            s.IgnoreStatusCode();
        });
        var status = result.Context.Response.StatusCode;
        return status == 200 ? "200" : $"{status} {JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("detail").GetString()}";
    }

    [Fact]
    public async Task An_office_claim_alone_grants_nothing()
    {
        var caseId = await api.Host.OpenCaseAsync(); // a Bekasi case

        // s-002 is registered at Pasker.ID Jakarta; a token claiming Bekasi does not make them Bekasi's supervisor.
        var claimingBekasi = api.TokenFor("s-002", Role.Supervisor, "bekasi");
        (await StatusAndDetailAsync($"/cases/{caseId}", claimingBekasi)).Should().Be("403 s-002 is registered at office pasker-jakarta, not bekasi.");
        (await StatusAndDetailAsync("/offices/bekasi/dashboard", claimingBekasi)).Should().Be("403 s-002 is registered at office pasker-jakarta, not bekasi.");

        var unregistered = api.TokenFor("s-404", Role.Supervisor, "bekasi");
        (await StatusAndDetailAsync($"/cases/{caseId}", unregistered)).Should().Be("403 s-404 is not registered as a supervisor.");

        var before = await api.EventCountAsync();
        await api.Host.Scenario(s =>
        {
            s.Post.Json(new { counselorId = "c-006", reason = "Cuti." }).ToUrl($"/cases/{caseId}/reassignment");
            s.WithBearerToken(claimingBekasi);
            s.StatusCodeShouldBe(403);
        });
        await api.Host.Scenario(s =>
        {
            s.Post.Json(new { requestReference = "PDP-77" }).ToUrl($"/cases/{caseId}/personal-data-erasure");
            s.WithBearerToken(unregistered);
            s.StatusCodeShouldBe(403);
        });
        (await api.EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Administrators_register_and_move_supervisors_and_the_registration_decides()
    {
        var kaltengToken = api.TokenFor("s-170", Role.Supervisor, "kalteng");
        (await StatusAndDetailAsync("/offices/kalteng/dashboard", kaltengToken)).Should().Be("403 s-170 is not registered as a supervisor.");

        var registered = await api.Host.Scenario(s =>
        {
            s.Put.Json(new { fullName = "Yohana Tambunan, S.Sos.", officeId = "kalteng" }).ToUrl("/supervisors/s-170");
            s.WithBearerToken(Admin);
            s.StatusCodeShouldBe(200);
        });
        (await registered.ReadAsTextAsync()).Should().Be("{\"id\":\"s-170\",\"fullName\":\"Yohana Tambunan, S.Sos.\",\"officeId\":\"kalteng\"}");
        (await StatusAndDetailAsync("/offices/kalteng/dashboard", kaltengToken)).Should().Be("200");

        await api.Host.Scenario(s =>
        {
            s.Put.Json(new { fullName = "Yohana Tambunan, S.Sos.", officeId = "blk-pekalongan" }).ToUrl("/supervisors/s-170");
            s.WithBearerToken(Admin);
            s.StatusCodeShouldBe(200);
        });
        (await StatusAndDetailAsync("/offices/kalteng/dashboard", kaltengToken)).Should().Be("403 s-170 is registered at office blk-pekalongan, not kalteng.");
        (await StatusAndDetailAsync("/offices/blk-pekalongan/dashboard", api.TokenFor("s-170", Role.Supervisor, "blk-pekalongan"))).Should().Be("200");
    }

    [Fact]
    public async Task A_supervisor_at_an_unknown_office_is_400_naming_the_field()
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Put.Json(new { fullName = "Uji", officeId = "atlantis" }).ToUrl("/supervisors/s-171");
            s.WithBearerToken(Admin);
            s.StatusCodeShouldBe(400);
        });
        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("errors").GetProperty("officeId")[0].GetString()
            .Should().Be("There is no office atlantis.");
    }
}
