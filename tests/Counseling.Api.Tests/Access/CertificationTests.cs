using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Access;

[Collection(ApiCollection.Name)]
public class CertificationTests(ApiFixture api)
{
    [Fact]
    public async Task A_counselor_whose_certificate_expired_may_not_log_sessions_or_outcomes()
    {
        // c-002 of Bekasi is registered with certificate AK-0342/PK/2021, expired on 2026-09-05 (seeds/counselors.json).
        var journey = await Journey.OpenAsync(api);
        var expired = await journey.HandOverAsync("c-002");
        var before = await api.EventCountAsync();

        var session = await expired.LogSessionAsync(403);
        var outcome = await expired.AssessAsync("readyForWork", 403);

        session.GetProperty("detail").GetString().Should().Contain("expired on 2026-09-05");
        outcome.GetProperty("detail").GetString().Should().Contain("AK-0342/PK/2021");
        (await api.EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_counselor_whose_certificate_expired_may_not_open_cases()
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.OpenCase(counselorId: "c-002")).ToUrl("/cases");
            s.WithBearerToken(api.TokenFor("c-002", Role.Counselor, "bekasi"));
            s.StatusCodeShouldBe(403);
        });

        (await result.ReadAsTextAsync()).Should().Contain("expired");
    }

    [Theory]
    [InlineData("c-404", "bekasi", "not registered")]
    [InlineData("c-003", "bekasi", "registered at office pasker-jakarta")]
    public async Task Unregistered_counselors_and_tokens_naming_the_wrong_office_are_refused(string user, string office, string reason)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.OpenCase(officeId: office, counselorId: user)).ToUrl("/cases");
            s.WithBearerToken(api.TokenFor(user, Role.Counselor, office));
            s.StatusCodeShouldBe(403);
        });

        (await result.ReadAsTextAsync()).Should().Contain(reason);
    }

    [Fact]
    public async Task A_case_is_reassigned_only_to_a_registered_counselor_of_its_office()
    {
        var journey = await Journey.OpenAsync(api);

        var unknown = await journey.ReassignAsync("c-404", 404);
        var otherOffice = await journey.ReassignAsync("c-003", 422);

        unknown.GetProperty("detail").GetString().Should().Contain("no registered counselor");
        otherOffice.GetProperty("field").GetString().Should().Be("counselorId");
    }
}
