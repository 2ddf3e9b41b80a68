using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Caseloads;

/// <summary>
/// An earlier JKP claim disclosed after the intake, over HTTP (issue 27): the refusals, and the claim's entitlement
/// decided again with it in the case view and the what-if. Dates come from the fixture's pinned clock, which these
/// tests do not move.
/// </summary>
[Collection(CaseloadCollection.Name)]
public class EarlierClaimTests(CaseloadFixture fixture) : OfficeBenefitTests(fixture, "uji-klaim-lalu", "Sri Wahyuni")
{
    [Fact]
    public async Task A_claim_three_years_before_the_PHK_leaves_this_claim_unentitled_and_a_second_disclosure_of_it_is_a_conflict()
    {
        await UseOfficeAsync("uji-klaim-lalu-1");
        var today = Api.Today;
        var phk = today.AddDays(-20);
        var wati = await OpenAsync("3216061505900401", phk, today.AddDays(-15));
        (await Api.GetAsync($"/cases/{wati}", token: CounselorToken)).GetProperty("benefit").GetProperty("entitled").GetBoolean().Should().BeTrue();
        var before = await EventCountAsync();

        (await PostAsync(wati, "jkp/earlier-claims", new { }, 400)).GetProperty("errors").GetProperty("claimedOn").GetArrayLength().Should().Be(1);
        (await PostAsync(wati, "jkp/earlier-claims", new { claimedOn = Day(today.AddDays(1)) }, 400))
            .GetProperty("errors").GetProperty("claimedOn").GetArrayLength().Should().Be(1);
        (await PostAsync(wati, "jkp/earlier-claims", new { claimedOn = Day(phk) }, 400))
            .GetProperty("errors").GetProperty("claimedOn")[0].GetString().Should().Contain(Day(phk));
        (await EventCountAsync()).Should().Be(before);

        var claimedOn = phk.AddYears(-3);
        (await PostAsync(wati, "jkp/earlier-claims", new { claimedOn = Day(claimedOn) })).GetProperty("version").GetInt64().Should().Be(3);
        (await PostAsync(wati, "jkp/earlier-claims", new { claimedOn = Day(claimedOn) }, 409))
            .GetProperty("detail").GetString().Should().Contain(Day(claimedOn));

        var benefit = (await Api.GetAsync($"/cases/{wati}", token: CounselorToken)).GetProperty("benefit");
        benefit.GetProperty("entitled").GetBoolean().Should().BeFalse();
        benefit.GetProperty("unmet")[0].GetProperty("field").GetString().Should().Be("earlierClaims");
        benefit.GetProperty("unmet")[0].GetProperty("reason").GetString().Should().Contain(Day(claimedOn));
        var whatIf = await Api.GetAsync($"/cases/{wati}/benefit?ruleSet=PP-37-2021", token: CounselorToken);
        whatIf.GetProperty("whatIf").GetProperty("entitled").GetBoolean().Should().BeFalse();

        var history = await Api.GetAsync($"/cases/{wati}/history", token: Api.TokenFor("a-001", Role.Auditor, null));
        history.GetRawText().Should().Contain($"An earlier JKP claim of the worker, made on {Day(claimedOn)}, was disclosed.");
    }

    [Fact]
    public async Task A_claim_more_than_five_years_before_the_PHK_leaves_it_entitled()
    {
        await UseOfficeAsync("uji-klaim-lalu-2");
        var today = Api.Today;
        var phk = today.AddDays(-20);
        var joko = await OpenAsync("3216061505900402", phk, today.AddDays(-15));

        await PostAsync(joko, "jkp/earlier-claims", new { claimedOn = Day(phk.AddYears(-6)) });

        var benefit = (await Api.GetAsync($"/cases/{joko}", token: CounselorToken)).GetProperty("benefit");
        benefit.GetProperty("entitled").GetBoolean().Should().BeTrue();
        benefit.GetProperty("unmet").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_stale_If_Match_writes_nothing_and_a_retried_Idempotency_Key_is_answered_once()
    {
        await UseOfficeAsync("uji-klaim-lalu-3");
        var today = Api.Today;
        var phk = today.AddDays(-20);
        var rina = await OpenAsync("3216061505900403", phk, today.AddDays(-15));
        var body = new { claimedOn = Day(phk.AddYears(-6)) };
        var before = await EventCountAsync();

        await Api.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl($"/cases/{rina}/jkp/earlier-claims");
            s.WithBearerToken(CounselorToken);
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(412);
        });
        (await EventCountAsync()).Should().Be(before);

        var key = Guid.NewGuid().ToString();
        async Task<string> SendAsync() => await (await Api.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl($"/cases/{rina}/jkp/earlier-claims");
            s.WithBearerToken(CounselorToken);
            s.WithRequestHeader("If-Match", "\"2\"");
            s.WithRequestHeader("Idempotency-Key", key);
            s.StatusCodeShouldBe(200);
        })).ReadAsTextAsync();
        var first = await SendAsync();
        (await SendAsync()).Should().Be(first);
        (await EventCountAsync()).Should().Be(before + 1);
    }
}
