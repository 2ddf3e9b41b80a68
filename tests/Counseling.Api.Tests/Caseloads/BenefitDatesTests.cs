using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;
using Marten;

namespace Counseling.Api.Tests.Caseloads;

/// <summary>
/// The benefit on the law's dates over HTTP (issue 27): a closure as died with its day of death, the claim's approval
/// day choosing PP 6/2025, and the what-if of the other reading of self-employment. Dates come from the fixture's
/// pinned clock, which these tests do not move.
/// </summary>
[Collection(CaseloadCollection.Name)]
public class BenefitDatesTests(CaseloadFixture fixture) : OfficeBenefitTests(fixture, "uji-tanggal", "Rina Kartika")
{
    private static IEnumerable<string?> Statuses(JsonElement schedule) =>
        schedule.GetProperty("months").EnumerateArray().Select(m => m.GetProperty("status").GetString());

    [Fact]
    public async Task A_closure_as_died_names_the_day_of_death_and_the_months_from_it_lapse()
    {
        await UseOfficeAsync("uji-tanggal-wafat");
        var today = Api.Today;
        var claimedOn = today.AddMonths(-4);
        var phk = claimedOn.AddDays(-3);
        var siti = await OpenAsync("3216061505900301", phk, claimedOn);
        await PostAsync(siti, "job-search-commitment", new { committedOn = Day(claimedOn) });
        var before = await EventCountAsync();

        (await PostAsync(siti, "closure", new { reason = "died", notes = "Kabar dari keluarga." }, 400))
            .GetProperty("errors").GetProperty("diedOn")[0].GetString().Should().Contain("PP 6/2025 Pasal 40");
        (await PostAsync(siti, "closure", new { reason = "died", diedOn = Day(today.AddDays(1)) }, 400))
            .GetProperty("errors").GetProperty("diedOn").GetArrayLength().Should().Be(1);
        (await PostAsync(siti, "closure", new { reason = "died", diedOn = Day(phk.AddDays(-1)) }, 400))
            .GetProperty("errors").GetProperty("diedOn")[0].GetString().Should().Contain(Day(phk));
        (await PostAsync(siti, "closure", new { reason = "withdrew", diedOn = Day(claimedOn) }, 400))
            .GetProperty("errors").GetProperty("diedOn").GetArrayLength().Should().Be(1);
        (await EventCountAsync()).Should().Be(before);

        // Died in month 2, the case closed today: months 2-6 lapsed, none of them "not met".
        var diedOn = claimedOn.AddMonths(1).AddDays(10);
        await PostAsync(siti, "closure", new { reason = "died", notes = "Kabar dari keluarga.", diedOn = Day(diedOn) });

        var benefit = (await Api.GetAsync($"/cases/{siti}", token: CounselorToken)).GetProperty("benefit");
        benefit.GetProperty("endedBecause").GetString().Should().Be("death");
        benefit.GetProperty("endedOn").GetString().Should().Be(Day(diedOn));
        Statuses(benefit).Should().Equal("met", "lapsed", "lapsed", "lapsed", "lapsed", "lapsed");
        benefit.GetProperty("totalRupiah").GetInt64().Should().Be(3_000_000);
    }

    [Fact]
    public async Task A_claim_approved_on_7_February_2025_is_paid_under_PP_6_2025_throughout()
    {
        await UseOfficeAsync("uji-tanggal-setuju");
        // Laid off 15 November 2024 and claimed 2 December 2024: three months begin before PP 6/2025 came into force.
        var claimedOn = new DateOnly(2024, 12, 2);
        var budi = await OpenAsync("3216061505900302", new DateOnly(2024, 11, 15), claimedOn);

        var unapproved = (await Api.GetAsync($"/cases/{budi}/benefit", token: CounselorToken)).GetProperty("actual");
        unapproved.GetProperty("ruleSet").GetString().Should().Be("PP-37-2021");
        unapproved.GetProperty("months").EnumerateArray().Select(m => m.GetProperty("amountRupiah").GetInt64())
            .Should().Equal(2_250_000, 2_250_000, 2_250_000, 3_000_000, 3_000_000, 3_000_000);

        var before = await EventCountAsync();
        (await PostAsync(budi, "jkp/approval", new { approvedOn = Day(claimedOn.AddDays(-1)) }, 400))
            .GetProperty("errors").GetProperty("approvedOn")[0].GetString().Should().Contain(Day(claimedOn));
        (await PostAsync(budi, "jkp/approval", new { }, 400)).GetProperty("errors").GetProperty("approvedOn").GetArrayLength().Should().Be(1);
        (await EventCountAsync()).Should().Be(before);

        (await PostAsync(budi, "jkp/approval", new { approvedOn = "2025-02-07" })).GetProperty("version").GetInt64().Should().Be(3);
        (await PostAsync(budi, "jkp/approval", new { approvedOn = "2025-02-08" }, 409))
            .GetProperty("detail").GetString().Should().Contain("2025-02-07");

        var answer = await Api.GetAsync($"/cases/{budi}/benefit?ruleSet=PP-37-2021", token: CounselorToken);
        var actual = answer.GetProperty("actual");
        actual.GetProperty("ruleSet").GetString().Should().Be("PP-6-2025");
        actual.GetProperty("ruleSetByApproval").GetBoolean().Should().BeTrue();
        actual.GetProperty("claimApprovedOn").GetString().Should().Be("2025-02-07");
        actual.GetProperty("months").EnumerateArray().Should().OnlyContain(m =>
            m.GetProperty("ruleSet").GetString() == "PP-6-2025" && m.GetProperty("amountRupiah").GetInt64() == 3_000_000);
        actual.GetProperty("sources").EnumerateArray().Should().Contain(s => s.GetString()!.StartsWith("Permenaker 2/2025 Pasal II angka 4"));
        answer.GetProperty("whatIf").GetProperty("months").EnumerateArray().Should().OnlyContain(m => m.GetProperty("ruleSet").GetString() == "PP-37-2021");

        var events = await Api.GetAsync($"/cases/{budi}/events", token: Api.TokenFor("a-001", Role.Auditor, null));
        events.EnumerateArray().Select(e => e.GetProperty("type").GetString()).Should().Contain(t => t!.Contains("jkp_claim_approved"));
    }

    [Fact]
    public async Task Self_employment_does_not_end_the_benefit_and_the_what_if_shows_the_other_reading()
    {
        await UseOfficeAsync("uji-tanggal-usaha");
        var today = Api.Today;
        var claimedOn = today.AddDays(-70);
        var ani = await OpenAsync("3216061505900303", claimedOn.AddDays(-3), claimedOn);
        await PostAsync(ani, "job-search-commitment", new { committedOn = Day(claimedOn) });
        await PostAsync(ani, "self-employment", new { businessType = "Warung kopi", startsOn = Day(today) });
        var before = await EventCountAsync();

        var answer = await Api.GetAsync($"/cases/{ani}/benefit?selfEmploymentEndsBenefit=true", token: CounselorToken);
        answer.GetProperty("actual").GetProperty("endedBecause").ValueKind.Should().Be(JsonValueKind.Null);
        answer.GetProperty("actual").GetProperty("selfEmploymentEndsBenefit").GetBoolean().Should().BeFalse();
        var whatIf = answer.GetProperty("whatIf");
        whatIf.GetProperty("ruleSet").GetString().Should().Be("PP-6-2025");
        whatIf.GetProperty("selfEmploymentEndsBenefit").GetBoolean().Should().BeTrue();
        whatIf.GetProperty("endedBecause").GetString().Should().Be("selfEmployment");
        whatIf.GetProperty("endedOn").GetString().Should().Be(Day(today));
        Statuses(whatIf).Skip(2).Should().OnlyContain(s => s == "lapsed", "month 3 runs today");
        answer.GetProperty("differences")[0].GetString().Should().Be("benefit ended: not ended → SelfEmployment");
        (await Api.GetAsync($"/cases/{ani}/benefit", token: CounselorToken)).GetProperty("whatIf").ValueKind.Should().Be(JsonValueKind.Null);

        await Api.WaitForProjectionsAsync();
        (await Api.GetAsync($"/offices/{Office}/rule-impact?ruleSet=PP-6-2025")).GetProperty("casesDiffering").GetInt32().Should().Be(0);
        var impact = await Api.GetAsync($"/offices/{Office}/rule-impact?ruleSet=PP-6-2025&selfEmploymentEndsBenefit=true");
        impact.GetProperty("casesDiffering").GetInt32().Should().Be(1);
        impact.GetProperty("items")[0].GetProperty("caseId").GetGuid().Should().Be(ani);
        (await EventCountAsync()).Should().Be(before);
    }
}
