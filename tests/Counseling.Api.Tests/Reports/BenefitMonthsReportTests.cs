using System.Text;
using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Reports;
using Counseling.Api.Tests.Caseloads;
using CsvHelper;

namespace Counseling.Api.Tests.Reports;

/// <summary>
/// The outcome report's benefitMonthsMetShare over HTTP, on a database of its own: its history runs in 2028, and the
/// fixture's clock only moves forward, so it cannot share one with the 2027 history of <see cref="OutcomeReportTests"/>.
/// </summary>
[Collection(BenefitReportsCollection.Name)]
public class BenefitMonthsReportTests(BenefitReportsFixture api)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The share of JKP benefit months met, by hand. Four cases in two offices, each opened on 3 January 2028 with its
    /// claim that day (PP 6/2025): month 1 runs 3 January-2 February, month 2 to 2 March, month 3 to 2 April, month 4 to 2 May.
    /// P (Jawa Barat): committed, five applications in February (month 2 met), none in March, a job from 10 April (months
    /// 4-6 lapse): 2 met of 3. Q (Jawa Barat): committed, nothing else: month 1 met, 2 and 3 not; an interview call dated
    /// 20 March is recorded only on 20 April. R (Jawa Timur): committed, 85% attendance of a training in February: 2 of 3.
    /// S (Jawa Timur): opened 1 April, never committed: its month 1 (to 30 April) not met.
    /// </summary>
    [Fact]
    public async Task Benefit_months_met_by_hand_in_the_period_they_ended_and_as_of_a_moment_before_late_evidence()
    {
        const string Jabar = "rpt-bf-jabar", Jatim = "rpt-bf-jatim", Sari = "rpt-bf-sari", Tono = "rpt-bf-tono";
        const string HalfYear = "from=2028-01-01&to=2028-06-30";
        const string April15Noon = "2028-04-15T05:00:00Z";
        await api.AddOfficeAsync(Jabar, (Sari, "Sari Wulandari"));
        await api.AddOfficeAsync(Jatim, (Tono, "Tono Susilo"));

        api.MoveTo(new DateOnly(2028, 1, 3));
        var p = await CaseSteps.OpenAsync(api, Jabar, Sari, "3273011505900301");
        var q = await CaseSteps.OpenAsync(api, Jabar, Sari, "3273011505900302");
        var r = await CaseSteps.OpenAsync(api, Jatim, Tono, "3578011505900303");
        foreach (var worker in new[] { p, q, r }) await worker.CommitToJobSearchAsync();

        api.MoveTo(new DateOnly(2028, 2, 10));
        for (var day = 5; day <= 9; day++) await p.JobSearchActivityAsync("application", new DateOnly(2028, 2, day));
        api.MoveTo(new DateOnly(2028, 2, 20));
        await r.TrainingAttendanceAsync(new DateOnly(2028, 2, 15), attendancePercent: 85);

        api.MoveTo(new DateOnly(2028, 4, 1));
        var s = await CaseSteps.OpenAsync(api, Jatim, Tono, "3578011505900304");
        api.MoveTo(new DateOnly(2028, 4, 10));
        await p.PlaceAsync(monthlyWage: 5_500_000);

        // 15 April, 15:00 WIB: months 1-3 of P, Q and R are over; month 4 runs (P's lapsed), S's month 1 runs.
        // Jawa Barat: P 2 of 3 + Q 1 of 3 = 3/6; Jawa Timur: R 2 of 3.
        api.Clock.SetUtcNow(new DateTimeOffset(2028, 4, 15, 8, 0, 0, TimeSpan.Zero));
        await api.WaitForProjectionsAsync();
        var live = await api.GetAsync($"/reports/outcomes?groupBy=office&{HalfYear}");
        var asOf = await api.GetAsync($"/reports/outcomes?groupBy=office&{HalfYear}&asOf={April15Noon}");
        Shares(live).Should().Equal((Jabar, 0.5m), (Jatim, 0.6667m));
        Groups(asOf).Should().Equal(Groups(live));
        // By counselor the same (each holds one office's cases); by intake month: 5 of 9 in January, April none ended.
        Shares(await api.GetAsync($"/reports/outcomes?groupBy=counselor&{HalfYear}")).Should().Equal((Sari, 0.5m), (Tono, 0.6667m));
        Shares(await api.GetAsync($"/reports/outcomes?groupBy=intakeMonth&{HalfYear}")).Should().Equal(("2028-01", 0.5556m), ("2028-04", null));
        // A month counts in the period in which it ended: to the end of February only month 1 has, met in all three cases.
        Shares(await api.GetAsync("/reports/outcomes?groupBy=office&from=2028-01-01&to=2028-02-29")).Should().Equal((Jabar, 1m), (Jatim, 1m));
        // ...and in January none has.
        Shares(await api.GetAsync("/reports/outcomes?groupBy=office&from=2028-01-01&to=2028-01-31")).Should().Equal((Jabar, null), (Jatim, null));

        // 20 April: Q's interview call of 20 March is recorded; its month 3 is met from now on, not as of 15 April.
        api.MoveTo(new DateOnly(2028, 4, 20));
        await q.JobSearchActivityAsync("interviewCall", new DateOnly(2028, 3, 20));
        await api.WaitForProjectionsAsync();
        Shares(await api.GetAsync($"/reports/outcomes?groupBy=office&{HalfYear}")).Should().Equal((Jabar, 0.6667m), (Jatim, 0.6667m));
        Groups(await api.GetAsync($"/reports/outcomes?groupBy=office&{HalfYear}&asOf={April15Noon}")).Should().Equal(Groups(asOf));

        // 10 May: month 4 (to 2 May) is over: Q's not met, R's not met; S's month 1 (to 30 April) not met.
        // Jawa Barat: P 2 of 3 + Q 2 of 4 = 4/7; Jawa Timur: R 2 of 4 + S 0 of 1 = 2/5.
        api.MoveTo(new DateOnly(2028, 5, 10));
        await api.WaitForProjectionsAsync();
        var may = await api.GetAsync($"/reports/outcomes?groupBy=office&{HalfYear}");
        Shares(may).Should().Equal((Jabar, 0.5714m), (Jatim, 0.4m));

        // The CSV carries the column and reads back to the same figures.
        var exported = await api.Host.Scenario(x =>
        {
            x.Get.Url($"/reports/outcomes?groupBy=office&{HalfYear}");
            x.WithRequestHeader("Accept", "text/csv");
            x.WithBearerToken(api.TokenFor("rpt-bf-auditor", Role.Auditor, null));
            x.StatusCodeShouldBe(200);
        });
        var text = await exported.ReadAsTextAsync();
        text.Split('\n')[0].Split(',').Should().Contain("benefitMonthsMetShare");
        using var csv = CsvReader.Create(Encoding.UTF8.GetBytes(text));
        var rows = csv.GetRecords<OutcomeGroup>().ToList();
        rows.Should().Equal(Groups(may));
        rows.Select(g => g.BenefitMonthsMetShare).Should().Equal(0.5714m, 0.4m);
    }

    private static List<OutcomeGroup> Groups(JsonElement report) =>
        report.GetProperty("groups").Deserialize<List<OutcomeGroup>>(Web)!;

    private static (string Group, decimal? Share)[] Shares(JsonElement report) =>
        [.. Groups(report).Select(g => (g.Group, g.BenefitMonthsMetShare))];

}
