using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Access;

[Collection(ApiCollection.Name)]
public class CounselorRegistrationTests(ApiFixture api)
{
    private static object Registration(string officeId = "bekasi", string expiresOn = "2031-01-31") => new
    {
        fullName = "Bambang Sutrisno, S.Sos.",
        officeId,
        certificate = new { number = "AK-0901/PK/2026", issuedOn = "2026-02-01", expiresOn },
    };

    [Fact]
    public async Task A_counselor_registered_by_an_administrator_may_open_cases_and_an_expired_renewal_stops_them()
    {
        var admin = api.TokenFor("adm-001", Role.Admin, null);
        var counselor = api.TokenFor("c-101", Role.Counselor, "bekasi");
        await api.Host.Scenario(s =>
        {
            s.Put.Json(Registration()).ToUrl("/counselors/c-101");
            s.WithBearerToken(admin);
        });

        await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.OpenCase(counselorId: "c-101")).ToUrl("/cases");
            s.WithBearerToken(counselor);
            s.StatusCodeShouldBe(201);
        });

        await api.Host.Scenario(s =>
        {
            s.Put.Json(new
            {
                fullName = "Bambang Sutrisno, S.Sos.",
                officeId = "bekasi",
                certificate = new { number = "AK-0901/PK/2026", issuedOn = "2021-02-01", expiresOn = "2026-01-31" },
            }).ToUrl("/counselors/c-101");
            s.WithBearerToken(admin);
        });
        await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.OpenCase(counselorId: "c-101")).ToUrl("/cases");
            s.WithBearerToken(counselor);
            s.StatusCodeShouldBe(403);
        });
    }

    [Theory]
    [InlineData("nowhere", "2031-01-31", "officeId")]
    [InlineData("bekasi", "2025-01-31", "certificate.expiresOn")]
    public async Task A_registration_naming_no_office_or_an_impossible_certificate_is_400(string office, string expiresOn, string field)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Put.Json(Registration(office, expiresOn)).ToUrl("/counselors/c-102");
            s.WithBearerToken(api.TokenFor("adm-001", Role.Admin, null));
            s.StatusCodeShouldBe(400);
        });

        (await result.ReadAsTextAsync()).Should().Contain(field);
    }

    [Theory]
    [InlineData(Role.Supervisor, "bekasi")]
    [InlineData(Role.Counselor, "bekasi")]
    [InlineData(Role.Auditor, null)]
    public async Task Only_administrators_register_counselors(Role role, string? office)
    {
        await api.Host.Scenario(s =>
        {
            s.Put.Json(Registration()).ToUrl("/counselors/c-103");
            s.WithBearerToken(api.TokenFor("x-001", role, office));
            s.StatusCodeShouldBe(403);
        });
    }
}
