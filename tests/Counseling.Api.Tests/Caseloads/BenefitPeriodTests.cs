using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;
using Counseling.Domain.Cases;
using Marten;

namespace Counseling.Api.Tests.Caseloads;

/// <summary>
/// The JKP benefit over HTTP on the fixture's pinned clock: the months in the case view, the job-search steps that
/// decide them, the at-risk month in the follow-ups and on the dashboard, and the what-if answers. Every date is
/// taken from the clock without moving it (other tests in this collection move it forward).
/// </summary>
[Collection(CaseloadCollection.Name)]
public class BenefitPeriodTests(CaseloadFixture fixture) : OfficeBenefitTests(fixture, "uji-manfaat", "Dewi Anggraini")
{
    private Task<JsonElement> ApplyAsync(Guid caseId, DateOnly on, string employer = "PT Astra Otoparts") =>
        PostAsync(caseId, "job-search-activities", new { kind = "application", on = Day(on), employer });

    [Fact]
    public async Task Activities_decide_each_month_and_an_at_risk_month_shows_in_the_follow_ups_and_on_the_dashboard()
    {
        await UseOfficeAsync("uji-manfaat-bulan");
        var today = Api.Today;
        // Claimed so that month 2 ends three days from today: it is the month running, with four days left.
        var claimedOn = today.AddDays(4).AddMonths(-2);
        var phk = claimedOn.AddDays(-5);
        var month2From = claimedOn.AddMonths(1);
        var month2To = claimedOn.AddMonths(2).AddDays(-1);
        month2To.Should().Be(today.AddDays(3));

        var siti = await OpenAsync("3216061505900201", phk, claimedOn);
        await PostAsync(siti, "job-search-commitment", new { committedOn = Day(claimedOn) });
        for (var i = 0; i < 4; i++) await ApplyAsync(siti, month2From.AddDays(i * 2));

        var view = await Api.GetAsync($"/cases/{siti}", token: CounselorToken);
        var benefit = view.GetProperty("benefit");
        benefit.GetProperty("ruleSet").GetString().Should().Be("PP-6-2025");
        benefit.GetProperty("claimedOn").GetString().Should().Be(Day(claimedOn));
        benefit.GetProperty("claimDeadline").GetString().Should().Be(Day(phk.AddMonths(6)));
        benefit.GetProperty("wageBasisRupiah").GetInt64().Should().Be(5_000_000);
        benefit.GetProperty("endedBecause").ValueKind.Should().Be(JsonValueKind.Null);
        var months = benefit.GetProperty("months").EnumerateArray().ToList();
        months.Select(m => m.GetProperty("amountRupiah").GetInt64()).Should().Equal(3_000_000, 3_000_000, 3_000_000, 3_000_000, 3_000_000, 3_000_000);
        months.Select(m => m.GetProperty("status").GetString()).Should().Equal("met", "due", "upcoming", "upcoming", "upcoming", "upcoming");
        months[1].GetProperty("from").GetString().Should().Be(Day(month2From));
        months[1].GetProperty("to").GetString().Should().Be(Day(month2To));
        months[1].GetProperty("atRisk").GetBoolean().Should().BeTrue();
        months[1].GetProperty("evidence").GetProperty("applications").GetInt32().Should().Be(4);
        view.GetProperty("jobSearchActivities").GetArrayLength().Should().Be(4);

        await Api.WaitForProjectionsAsync();
        var followUps = await Api.GetAsync($"/counselors/{Counselor}/follow-ups", token: CounselorToken);
        var due = followUps.GetProperty("benefitMonths").EnumerateArray().Single();
        due.GetProperty("caseId").GetGuid().Should().Be(siti);
        due.GetProperty("month").GetInt32().Should().Be(2);
        due.GetProperty("daysLeft").GetInt32().Should().Be(4);
        due.GetProperty("atRisk").GetBoolean().Should().BeTrue();
        due.GetProperty("workerName").GetString().Should().Be("Siti Rahmawati");
        due.GetProperty("missing").GetString().Should().Contain("5 applications, 4 recorded");
        (await Api.GetAsync($"/offices/{Office}/dashboard")).GetProperty("openCasesWithBenefitMonthAtRisk").GetInt32().Should().Be(1);

        // The fifth application meets month 2: nothing is at risk any more.
        var added = await ApplyAsync(siti, today);
        added.GetProperty("activityId").GetGuid().Should().NotBeEmpty();
        (await Api.GetAsync($"/cases/{siti}", token: CounselorToken)).GetProperty("benefit").GetProperty("months")[1]
            .GetProperty("status").GetString().Should().Be("met");
        await Api.WaitForProjectionsAsync();
        (await Api.GetAsync($"/counselors/{Counselor}/follow-ups", token: CounselorToken)).GetProperty("benefitMonths").GetArrayLength().Should().Be(0);
        (await Api.GetAsync($"/offices/{Office}/dashboard")).GetProperty("openCasesWithBenefitMonthAtRisk").GetInt32().Should().Be(0);

        // What-if: the same history under PP 37/2021, and the office's cases whose benefit would differ. Nothing is written.
        var before = await EventCountAsync();
        var whatIf = await Api.GetAsync($"/cases/{siti}/benefit?ruleSet=PP-37-2021", token: CounselorToken);
        whatIf.GetProperty("actual").GetProperty("ruleSet").GetString().Should().Be("PP-6-2025");
        whatIf.GetProperty("whatIf").GetProperty("ruleSet").GetString().Should().Be("PP-37-2021");
        whatIf.GetProperty("whatIf").GetProperty("months").EnumerateArray().Select(m => m.GetProperty("amountRupiah").GetInt64())
            .Should().Equal(2_250_000, 2_250_000, 2_250_000, 1_250_000, 1_250_000, 1_250_000);
        whatIf.GetProperty("whatIf").GetProperty("claimDeadline").GetString().Should().Be(Day(phk.AddMonths(3)));
        whatIf.GetProperty("differences")[0].GetString().Should().Be($"claim deadline {Day(phk.AddMonths(6))} → {Day(phk.AddMonths(3))}");
        whatIf.GetProperty("differences").GetArrayLength().Should().Be(7, "the deadline and each of the six months' amounts");

        var impact = await Api.GetAsync($"/offices/{Office}/rule-impact?ruleSet=PP-37-2021");
        impact.GetProperty("casesCompared").GetInt32().Should().Be(1);
        impact.GetProperty("casesDiffering").GetInt32().Should().Be(1);
        impact.GetProperty("actualTotalRupiah").GetInt64().Should().Be(18_000_000);
        impact.GetProperty("whatIfTotalRupiah").GetInt64().Should().Be(10_500_000);
        impact.GetProperty("items")[0].GetProperty("caseId").GetGuid().Should().Be(siti);
        (await Api.GetAsync($"/offices/{Office}/rule-impact?ruleSet=PP-6-2025")).GetProperty("casesDiffering").GetInt32().Should().Be(0);
        (await EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task The_what_if_shows_a_bankrupt_employers_four_months_covered_under_PP_6_2025_and_not_under_PP_37_2021()
    {
        await UseOfficeAsync("uji-pailit");
        var phk = Api.Today.AddDays(-20);
        var intake = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(
            Requests.OpenCase(Office, Counselor, Requests.NewNik(), terminationDate: Day(phk), claimedOn: Day(phk.AddDays(2))),
            new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
        intake["contributionMonths"] = 20;
        intake["contributionHistory"] = System.Text.Json.Nodes.JsonNode.Parse(
            """{ "monthsPaidInLast24Months": 14, "consecutiveMonthsBeforeTermination": 2, "arrears": { "monthsUnpaid": 4, "cause": "employerBankrupt" } }""");
        var opened = await Api.Host.Scenario(s =>
        {
            s.Post.Text(intake.ToJsonString()).ToUrl("/cases");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(CounselorToken);
            s.StatusCodeShouldBe(201);
        });
        var caseId = (await opened.ReadAsJsonAsync<Versioned>()).Id;

        var whatIf = await Api.GetAsync($"/cases/{caseId}/benefit?ruleSet=PP-37-2021", token: CounselorToken);

        whatIf.GetProperty("actual").GetProperty("entitled").GetBoolean().Should().BeTrue();
        var underPp37 = whatIf.GetProperty("whatIf");
        underPp37.GetProperty("entitled").GetBoolean().Should().BeFalse();
        underPp37.GetProperty("unmet")[0].GetProperty("field").GetString().Should().Be("contributionHistory.arrears.monthsUnpaid");
        underPp37.GetProperty("unmet")[0].GetProperty("reason").GetString().Should().Contain("Pasal 39A");
        whatIf.GetProperty("differences")[0].GetString().Should().Be("entitlement: entitled → not entitled (ArrearsNotCovered)");
    }

    [Fact]
    public async Task A_placement_ends_the_benefit_from_its_start_and_closing_as_period_ended_waits_for_the_end()
    {
        await UseOfficeAsync("uji-manfaat-kerja");
        var today = Api.Today;
        var claimedOn = today.AddDays(-45);
        var budi = await OpenAsync("3216061505900202", claimedOn.AddDays(-3), claimedOn);
        await PostAsync(budi, "job-search-commitment", new { committedOn = Day(claimedOn) });

        var early = await PostAsync(budi, "closure", new { reason = "benefitPeriodEnded", notes = "Selesai." }, 422);
        early.GetProperty("field").GetString().Should().Be("reason");
        early.GetProperty("detail").GetString().Should().Contain(Day(claimedOn.AddMonths(6).AddDays(-1))).And.Contain("PP 6/2025 Pasal 21");

        var interviewCall = await PostAsync(budi, "job-search-activities",
            new { kind = "interviewCall", on = Day(claimedOn.AddMonths(1)), employer = "PT Presisi Logam Jababeka" });
        interviewCall.GetProperty("version").GetInt64().Should().Be(4);
        await PostAsync(budi, "placements", new
        {
            employer = "PT Presisi Logam Jababeka", position = "Operator Mesin Bubut", startsOn = Day(today), monthlyWage = 5_300_000,
            contractType = "fixedTerm",
        });
        var refused = await PostAsync(budi, "job-search-activities", new { kind = "application", on = Day(today), employer = "PT Lain" }, 409);
        refused.GetProperty("detail").GetString().Should().Contain("NewEmployment");

        var benefit = (await Api.GetAsync($"/cases/{budi}", token: CounselorToken)).GetProperty("benefit");
        benefit.GetProperty("endedOn").GetString().Should().Be(Day(today));
        benefit.GetProperty("endedBecause").GetString().Should().Be("newEmployment");
        benefit.GetProperty("months").EnumerateArray().Select(m => m.GetProperty("status").GetString())
            .Should().Equal("met", "lapsed", "lapsed", "lapsed", "lapsed", "lapsed");
        benefit.GetProperty("totalRupiah").GetInt64().Should().Be(3_000_000);
        await PostAsync(budi, "closure", new { reason = "benefitPeriodEnded", notes = "Sudah bekerja." });
    }

    [Fact]
    public async Task A_claim_outside_its_window_and_bad_job_search_input_are_refused_naming_the_rule_and_writing_nothing()
    {
        await UseOfficeAsync("uji-manfaat-tolak");
        var today = Api.Today;
        var before = await EventCountAsync();
        var phk = today.AddMonths(-6).AddDays(-1);

        var tooLate = await Api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.OpenCase(Office, Counselor, "3216061505900203",
                terminationDate: Day(phk), claimedOn: Day(today))).ToUrl("/cases");
            s.WithBearerToken(CounselorToken);
            s.StatusCodeShouldBe(422);
        });
        var problem = JsonDocument.Parse(await tooLate.ReadAsTextAsync()).RootElement;
        problem.GetProperty("field").GetString().Should().Be("claimedOn");
        problem.GetProperty("detail").GetString().Should().Contain("PP 6/2025 Pasal 40").And.Contain($"by {Day(phk.AddMonths(6))}");
        (await EventCountAsync()).Should().Be(before);

        var caseId = await OpenAsync("3216061505900204", today.AddDays(-20), today.AddDays(-10));
        (await PostAsync(caseId, "job-search-activities", new { kind = "application", on = Day(today), employer = "PT A" }, 409))
            .GetProperty("detail").GetString().Should().Contain("commitment");
        (await PostAsync(caseId, "job-search-activities", new { kind = "trainingAttendance", on = Day(today), programme = "Las SMAW" }, 400))
            .GetProperty("errors").GetProperty("attendancePercent").GetArrayLength().Should().Be(1);
        (await PostAsync(caseId, "job-search-activities", new { kind = "application", on = Day(today) }, 400))
            .GetProperty("errors").GetProperty("employer").GetArrayLength().Should().Be(1);
        (await PostAsync(caseId, "job-search-commitment", new { committedOn = Day(today.AddDays(1)) }, 400))
            .GetProperty("errors").GetProperty("committedOn").GetArrayLength().Should().Be(1);
        (await Api.GetAsync($"/cases/{caseId}/benefit?ruleSet=PP-99-2030", 400, CounselorToken))
            .GetProperty("errors").GetProperty("ruleSet")[0].GetString().Should().Contain("PP-37-2021, PP-6-2025");
        (await Api.GetAsync($"/offices/{Office}/rule-impact", 400)).GetProperty("errors").GetProperty("ruleSet").GetArrayLength().Should().Be(1);
        (await EventCountAsync()).Should().Be(before + 2, "only the second intake was written");
    }

    [Fact]
    public async Task A_stream_stored_before_the_claim_was_recorded_still_reads_with_its_intake_day_as_the_claim_date()
    {
        await UseOfficeAsync("uji-manfaat-lama");
        // An intake as stored before JkpClaimRecorded existed: CaseOpened alone.
        var caseId = Guid.CreateVersion7();
        var openedAt = new DateTimeOffset(Api.Today.AddDays(-20).ToDateTime(new TimeOnly(9, 0)), Wib.Offset);
        await using (var session = Api.Store.LightweightSession())
        {
            session.Events.StartStream<CounselingCase>(caseId, new CaseOpened(
                caseId, Office, Counselor,
                new WorkerDetails("", "Lama Tersimpan", "1988-01-02", "", "20012345679"),
                new EndedEmployment("PT Lama", "Operator", Api.Today.AddDays(-30), TerminationReason.Efficiency, 4_000_000),
                "JKP-LAMA-1", 24, openedAt));
            await session.SaveChangesAsync();
        }

        var view = await Api.GetAsync($"/cases/{caseId}", token: Api.TokenFor("a-002", Role.Auditor, null));
        view.GetProperty("version").GetInt64().Should().Be(1);
        var benefit = view.GetProperty("benefit");
        benefit.GetProperty("claimedOn").GetString().Should().Be(Day(Api.Today.AddDays(-20)));
        benefit.GetProperty("claimDateRecorded").GetBoolean().Should().BeFalse();
        benefit.GetProperty("contributions").ValueKind.Should().Be(JsonValueKind.Null);
        benefit.GetProperty("months")[0].GetProperty("amountRupiah").GetInt64().Should().Be(2_400_000, "60% of Rp4,000,000");
        benefit.GetProperty("months")[0].GetProperty("from").GetString().Should().Be(Day(Api.Today.AddDays(-20)));
        benefit.GetProperty("months")[0].GetProperty("status").GetString().Should().Be("due", "the month runs and no commitment is recorded yet");
        benefit.GetProperty("months")[0].GetProperty("missing").GetString().Should().Be("the job-search commitment");
    }
}
