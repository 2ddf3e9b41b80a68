using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Access;

/// <summary>Every 403 names what was missing: the role that may, the registration, the office, the certificate.</summary>
[Collection(ApiCollection.Name)]
public class ForbiddenReasonTests(ApiFixture api)
{
    private async Task<JsonElement> ForbiddenAsync(Action<Scenario> request)
    {
        var result = await api.Host.Scenario(s =>
        {
            request(s);
            s.StatusCodeShouldBe(403);
            s.ContentTypeShouldBe("application/problem+json");
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task A_role_policy_refusal_names_the_role_that_may()
    {
        var caseId = await api.Host.OpenCaseAsync();
        var before = await api.EventCountAsync();

        var problem = await ForbiddenAsync(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{caseId}/sessions");
            s.WithBearerToken(api.TokenFor("a-001", Role.Auditor, null));
        });

        problem.GetProperty("detail").GetString().Should().Be("This needs the role counselor; the token's role is auditor.");
        problem.GetProperty("requiredRoles").EnumerateArray().Select(r => r.GetString()).Should().Equal("counselor");
        (await api.EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_policy_with_several_roles_names_each()
    {
        var problem = await ForbiddenAsync(s =>
        {
            s.Get.Url("/offices/bekasi/dashboard");
            s.WithBearerToken(api.TokenFor("c-001", Role.Counselor, "bekasi"));
        });
        problem.GetProperty("detail").GetString().Should().Be("This needs the role supervisor or auditor; the token's role is counselor.");
    }

    [Fact]
    public async Task An_expired_certificate_is_named_with_its_expiry()
    {
        var problem = await ForbiddenAsync(s =>
        {
            s.Post.Json(Requests.OpenCase(counselorId: "c-002")).ToUrl("/cases");
            s.WithBearerToken(api.TokenFor("c-002", Role.Counselor, "bekasi"));
        });
        problem.GetProperty("detail").GetString().Should().Be(
            "Certificate AK-0342/PK/2021 expired on 2026-09-05: only a certified counselor may record sessions and outcomes.");
    }

    [Fact]
    public async Task A_counselor_whose_token_names_another_office_than_their_registration_is_refused_naming_both()
    {
        var problem = await ForbiddenAsync(s =>
        {
            s.Get.Url("/counselors/c-001/caseload");
            s.WithBearerToken(api.TokenFor("c-001", Role.Counselor, "kalteng"));
        });
        problem.GetProperty("detail").GetString().Should().Be("c-001 is registered at office bekasi, not kalteng.");
    }

    [Fact]
    public async Task A_case_of_another_counselor_is_refused_saying_so()
    {
        var caseId = await api.Host.OpenCaseAsync();
        var problem = await ForbiddenAsync(s =>
        {
            s.Get.Url($"/cases/{caseId}");
            s.WithBearerToken(api.TokenFor("c-006", Role.Counselor, "bekasi"));
        });
        problem.GetProperty("detail").GetString().Should().Be("The case is assigned to another counselor.");
    }
}
