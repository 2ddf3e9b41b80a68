using System.Text;
using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Audit;
using Counseling.Api.Reports;
using Counseling.Api.Tests.Caseloads;
using CsvHelper;
using Marten;
using Marten.Events;

namespace Counseling.Api.Tests.Reports;

/// <summary>
/// Five workers' cases in two offices from March to October 2027, driven over HTTP, and every figure of the outcome
/// report worked out by hand: by office, by counselor (a placement split across a reassignment), by intake month (the
/// cohort triangle), by training path and by termination reason; the CSV export and its audit event; the report and the
/// office dashboard as of 31 March, before and after later writes (one of them a placement back-dated into March).
/// </summary>
[Collection(ReportsCollection.Name)]
public class OutcomeReportTests(ReportsFixture api)
{
    private const string Bekasi = "rpt-bekasi", Kalteng = "rpt-kalteng";
    private const string Dewi = "rpt-dewi", Rudi = "rpt-rudi", Yohana = "rpt-yohana";
    private const string Period = "from=2027-03-01&to=2027-04-30";

    /// <summary>31 March 2027, 12:00 WIB: after that day's writes (09:00 WIB), before any later one.</summary>
    private const string March31Noon = "2027-03-31T05:00:00Z";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static OutcomeGroup Row(
        string group, decimal opened, decimal placed, decimal selfEmployed, decimal? rate, decimal? medianDays,
        decimal followedUp, decimal stillEmployed, decimal? medianWage, decimal testsPassed,
        decimal? within30, decimal? within60, decimal? within90, decimal? within180, decimal? benefitMonthsMetShare = null) =>
        new(group, opened, placed, selfEmployed, rate, medianDays, followedUp, stillEmployed, medianWage, testsPassed, benefitMonthsMetShare,
            within30, within60, within90, within180);

    [Fact]
    public async Task Every_figure_by_hand_through_a_reassignment_an_export_and_time_travel()
    {
        await api.AddOfficeAsync(Bekasi, (Dewi, "Dewi Anggraini"), (Rudi, "Rudi Hartono"));
        await api.AddOfficeAsync(Kalteng, (Yohana, "Yohana Tarigan"));

        // 1 March: four intakes. B has a follow-up due on 8 March that nobody keeps.
        api.MoveTo(new DateOnly(2027, 3, 1));
        var a = await CaseSteps.OpenAsync(api, Bekasi, Dewi, "3216061505900201");
        var b = await CaseSteps.OpenAsync(api, Bekasi, Dewi, "3216061505900202");
        await b.SessionAsync(followUpInDays: 7);
        var c = await CaseSteps.OpenAsync(api, Bekasi, Rudi, "3216061505900203", "companyClosure");
        var d = await CaseSteps.OpenAsync(api, Kalteng, Yohana, "6271011505900204", "companyClosure");

        // 11 March: B completes a BLK course and passes a competency test.
        api.MoveTo(new DateOnly(2027, 3, 11));
        var course = await b.ReferToTrainingAsync("course");
        await b.TrainingOutcomeAsync(course, "started");
        await b.TrainingOutcomeAsync(course, "completed");
        var test = await b.ReferToTrainingAsync("competencyTest");
        await b.TrainingOutcomeAsync(test, "certifiedCompetent");

        // 21 March: Dewi hands A to Rudi; C starts a job (20 days after intake).
        api.MoveTo(new DateOnly(2027, 3, 21));
        await a.ReassignAsync(Rudi);
        await c.PlaceAsync(monthlyWage: 5_300_000);

        // 31 March: A starts a job (30 days after intake: Dewi held it 20 of them, Rudi 10); D opens a business.
        api.MoveTo(new DateOnly(2027, 3, 31));
        await a.PlaceAsync(monthlyWage: 6_000_000);
        await d.SelfEmployAsync();
        api.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 31, 8, 0, 0, TimeSpan.Zero)); // 15:00 WIB
        await api.WaitForProjectionsAsync();

        // What a supervisor saw that afternoon, live and as of noon: the same figures.
        var liveThen = await api.GetAsync($"/reports/outcomes?groupBy=counselor&{Period}");
        var asOfThen = await api.GetAsync($"/reports/outcomes?groupBy=counselor&{Period}&asOf={March31Noon}");
        Groups(asOfThen).Should().Equal(
            Row(Dewi, 1.6667m, 0.6667m, 0, 0.4m, 30, 0, 0, 6_000_000, 1, 0.6667m, null, null, null),
            Row(Rudi, 1.3333m, 1.3333m, 0, 1, 25, 0, 0, 5_650_000, 0, 1.3333m, null, null, null),
            Row(Yohana, 1, 0, 1, 0, null, 0, 0, null, 0, 0, null, null, null));
        Groups(liveThen).Should().Equal(Groups(asOfThen));
        asOfThen.GetProperty("cutOn").GetString().Should().Be("2027-03-31");
        asOfThen.GetProperty("asOf").GetDateTimeOffset().Should().Be(DateTimeOffset.Parse(March31Noon));
        var cohortsThen = await api.GetAsync($"/reports/outcomes?groupBy=intakeMonth&{Period}&asOf={March31Noon}");
        Groups(cohortsThen).Should().Equal(Row("2027-03", 4, 2, 1, 0.5m, 25, 0, 0, 5_650_000, 1, 2, null, null, null));

        var dashboardUrl = $"/offices/{Bekasi}/dashboard?from=2027-03-01&to=2027-03-31";
        var dashboardLive = await api.GetAsync(dashboardUrl);
        var dashboardAsOf = await api.GetAsync($"{dashboardUrl}&asOf={March31Noon}");
        DashboardFigures(dashboardAsOf).Should().Be(DashboardFigures(dashboardLive));
        dashboardAsOf.GetProperty("openCases").GetInt32().Should().Be(3);
        dashboardAsOf.GetProperty("openCasesByStage").GetProperty("jobSearch").GetInt32().Should().Be(1);
        dashboardAsOf.GetProperty("openCasesByStage").GetProperty("placed").GetInt32().Should().Be(2);
        Loads(dashboardAsOf).Should().Equal($"{Dewi}:1:1", $"{Rudi}:2:0");
        var march = dashboardAsOf.GetProperty("period");
        march.GetProperty("newCases").GetInt32().Should().Be(3);
        march.GetProperty("placements").GetInt32().Should().Be(2);
        march.GetProperty("medianDaysFromIntakeToPlacement").GetDecimal().Should().Be(25);
        march.GetProperty("trainingReferrals").GetInt32().Should().Be(2);
        march.GetProperty("trainingCompletions").GetInt32().Should().Be(1);
        march.GetProperty("competencyTestsPassed").GetInt32().Should().Be(1);
        dashboardAsOf.GetProperty("asOf").GetDateTimeOffset().Should().Be(DateTimeOffset.Parse(March31Noon));

        // 5 April: B's job, which started on 25 March, is recorded only now; E is opened.
        api.MoveTo(new DateOnly(2027, 4, 5));
        await b.PlaceAsync(startsOn: new DateOnly(2027, 3, 25), monthlyWage: 5_000_000);
        var e = await CaseSteps.OpenAsync(api, Bekasi, Dewi, "3216061505900205");

        // 1 July: the three-month follow-ups of the first two jobs.
        api.MoveTo(new DateOnly(2027, 7, 1));
        await c.FollowUpPlacementAsync(stillEmployed: true);
        await a.FollowUpPlacementAsync(stillEmployed: false);

        // 1 October: the reports as they stand.
        api.MoveTo(new DateOnly(2027, 10, 1));
        await api.WaitForProjectionsAsync();

        // As of 31 March noon, nothing of this shows: not even the placement dated 25 March.
        Groups(await api.GetAsync($"/reports/outcomes?groupBy=counselor&{Period}&asOf={March31Noon}")).Should().Equal(Groups(asOfThen));
        Groups(await api.GetAsync($"/reports/outcomes?groupBy=intakeMonth&{Period}&asOf={March31Noon}")).Should().Equal(Groups(cohortsThen));
        var dashboardAsOfLater = await api.GetAsync($"{dashboardUrl}&asOf={March31Noon}");
        DashboardFigures(dashboardAsOfLater).Should().Be(DashboardFigures(dashboardAsOf));
        var marchNow = (await api.GetAsync(dashboardUrl)).GetProperty("period");
        marchNow.GetProperty("placements").GetInt32().Should().Be(3);
        marchNow.GetProperty("medianDaysFromIntakeToPlacement").GetDecimal().Should().Be(24);

        // Today's figures. A: placed after 30 days (6,000,000; gone at the follow-up), B: after 24 (5,000,000),
        // C: after 20 (5,300,000; still there), D: a business, E: opened 5 April, nothing yet.
        // Nobody committed to the job search, so no benefit month was met: A, B and C each have month 1 (1-31 March)
        // not met and month 2 lapsed to their job; D's business ends no benefit, so its months 1 and 2 (to 30 April)
        // count, not met; E's month 1 ends on 4 May, after the period.
        Groups(await api.GetAsync($"/reports/outcomes?groupBy=office&{Period}")).Should().Equal(
            Row(Bekasi, 4, 3, 0, 0.75m, 24, 2, 1, 5_300_000, 1, 3, 3, 3, null, 0),
            Row(Kalteng, 1, 0, 1, 0, null, 0, 0, null, 0, 0, 0, 0, 0, 0));
        // A is Dewi's for 20 of its 30 days and Rudi's for 10; E, still open, is Dewi's.
        var byCounselor = await api.GetAsync($"/reports/outcomes?groupBy=counselor&{Period}");
        Groups(byCounselor).Should().Equal(
            Row(Dewi, 2.6667m, 1.6667m, 0, 0.625m, 27, 0.6667m, 0, 5_500_000, 1, 1.6667m, 1.6667m, 1.6667m, null, 0),
            Row(Rudi, 1.3333m, 1.3333m, 0, 1, 25, 1.3333m, 1, 5_650_000, 0, 1.3333m, 1.3333m, 1.3333m, 1.3333m, 0),
            Row(Yohana, 1, 0, 1, 0, null, 0, 0, null, 0, 0, 0, 0, 0, 0));
        // The cohort triangle: April's 180-day cell waits until 2 October (E is 179 days old on 1 October).
        Groups(await api.GetAsync($"/reports/outcomes?groupBy=intakeMonth&{Period}")).Should().Equal(
            Row("2027-03", 4, 3, 1, 0.75m, 24, 2, 1, 5_300_000, 1, 3, 3, 3, 3, 0),
            Row("2027-04", 1, 0, 0, 0, null, 0, 0, null, 0, 0, 0, 0, null));
        Groups(await api.GetAsync($"/reports/outcomes?groupBy=trainingPath&{Period}")).Should().Equal(
            Row("course+competencyTest", 1, 1, 0, 1, 24, 0, 0, 5_000_000, 1, 1, 1, 1, 1, 0),
            Row("none", 4, 2, 1, 0.5m, 25, 2, 1, 5_650_000, 0, 2, 2, 2, null, 0));
        Groups(await api.GetAsync($"/reports/outcomes?groupBy=terminationReason&{Period}")).Should().Equal(
            Row("companyClosure", 2, 1, 1, 0.5m, 20, 1, 1, 5_300_000, 0, 1, 1, 1, 1, 0),
            Row("efficiency", 3, 2, 0, 0.6667m, 27, 1, 0, 5_500_000, 1, 2, 2, 2, null, 0));
        // Only March's intakes.
        Groups(await api.GetAsync("/reports/outcomes?groupBy=office&from=2027-03-01&to=2027-03-31")).Select(g => g.CasesOpened)
            .Should().Equal(3, 1);

        // The same report as CSV: a header of the JSON names, and the same figures when read back.
        var auditorToken = api.TokenFor("rpt-auditor", Role.Auditor, null);
        var before = await ExportsAsync();
        var exported = await api.Host.Scenario(s =>
        {
            s.Get.Url($"/reports/outcomes?groupBy=counselor&{Period}");
            s.WithRequestHeader("Accept", "text/csv");
            s.WithBearerToken(auditorToken);
            s.StatusCodeShouldBe(200);
        });
        exported.Context.Response.ContentType.Should().Be("text/csv; charset=utf-8");
        var bytes = Encoding.UTF8.GetBytes(await exported.ReadAsTextAsync());
        bytes[..3].Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF });
        using (var csv = CsvReader.Create(bytes))
        {
            csv.Headers.ToArray().Should().Equal(
                "group", "casesOpened", "placed", "selfEmployed", "placementRate", "medianDaysToPlacement", "placementsFollowedUp",
                "stillEmployedAtFollowUp", "medianStartingWageRupiah", "competencyTestsPassed", "benefitMonthsMetShare",
                "placedWithin30Days", "placedWithin60Days", "placedWithin90Days", "placedWithin180Days");
            csv.GetRecords<OutcomeGroup>().ToList().Should().Equal(Groups(byCounselor));
        }

        // The export is an event of its own stream: who, in which role, what, and sealed like every other event.
        var exports = await ExportsAsync();
        exports.Should().HaveCount(before.Count + 1);
        var export = exports[^1];
        var recorded = (OutcomeReportExported)export.Data;
        recorded.ExportedBy.Should().Be("rpt-auditor");
        recorded.Role.Should().Be("auditor");
        recorded.Report.Should().Be("outcomes");
        recorded.Query.Should().Be($"?groupBy=counselor&{Period}");
        recorded.Format.Should().Be("text/csv");
        recorded.Rows.Should().Be(3);
        recorded.ExportedAt.Should().Be(api.Clock.GetUtcNow());
        export.UserName.Should().Be("rpt-auditor");
        export.Version.Should().Be(1);
        await using (var session = api.Store.QuerySession())
        {
            (await session.LoadAsync<EventSeal>(EventSeal.IdFor(export.StreamId, 1)))!.PreviousHash.Should().Be(EventSeal.Genesis);
        }
        // A JSON read is no export: nothing more is recorded.
        await api.GetAsync($"/reports/outcomes?groupBy=counselor&{Period}", token: auditorToken);
        (await ExportsAsync()).Should().HaveCount(exports.Count);

        // Verify recomputes every seal (the export's too) and rebuilds every projection (CaseOutcome too) from the events.
        var verify = await api.GetAsync("/audit/verify");
        verify.GetProperty("consistent").GetBoolean().Should().BeTrue(verify.ToString());
    }

    [Fact]
    public async Task Supervisors_see_their_own_office_and_counselors_none()
    {
        await api.AddOfficeAsync("rpt-scope", ("rpt-scope-c1", "Dewi"));
        var supervisor = api.TokenFor("rpt-scope-supervisor", Role.Supervisor, "rpt-scope");

        var own = await api.GetAsync("/reports/outcomes?groupBy=office", token: supervisor);
        own.GetProperty("officeId").GetString().Should().Be("rpt-scope");
        own.GetProperty("groups").GetArrayLength().Should().Be(0);
        (await api.GetAsync("/reports/outcomes?officeId=rpt-scope", token: supervisor)).GetProperty("officeId").GetString().Should().Be("rpt-scope");

        var other = await api.GetAsync("/reports/outcomes?officeId=bekasi", 403, supervisor);
        other.GetProperty("detail").GetString().Should().Contain("own office (rpt-scope)");
        await api.GetAsync("/reports/outcomes", 403, api.TokenFor("rpt-scope-c1", Role.Counselor, "rpt-scope"));
        (await api.GetAsync("/reports/outcomes?officeId=rpt-scope", token: api.TokenFor("rpt-admin", Role.Admin, null)))
            .GetProperty("officeId").GetString().Should().Be("rpt-scope");
        await api.GetAsync("/reports/outcomes?officeId=nowhere", 404);
    }

    [Theory]
    [InlineData("/reports/outcomes?groupBy=district", "groupBy")]
    [InlineData("/reports/outcomes?groupBy=1", "groupBy")]
    [InlineData("/reports/outcomes?from=01-03-2027", "from")]
    [InlineData("/reports/outcomes?to=2027-02-30", "to")]
    [InlineData("/reports/outcomes?from=2027-03-31&to=2027-03-01", "from")]
    [InlineData("/reports/outcomes?from=2000-01-01&to=2027-03-01", "to")]
    [InlineData("/reports/outcomes?asOf=2027-03-31", "asOf")]
    [InlineData("/reports/outcomes?asOf=yesterday", "asOf")]
    [InlineData("/reports/outcomes?asOf=2099-01-01T00:00:00Z", "asOf")]
    [InlineData("/offices/bekasi/dashboard?asOf=2027-03-31T25:00:00Z", "asOf")]
    [InlineData("/offices/bekasi/dashboard?asOf=2099-01-01T00:00:00Z", "asOf")]
    public async Task Bad_query_input_is_a_problem_naming_the_parameter(string url, string parameter)
    {
        var problem = await api.GetAsync(url, 400);

        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(parameter);
        problem.GetProperty("type").GetString().Should().Be("https://jkp-counseling.example/problems/invalid-input");
    }

    private static List<OutcomeGroup> Groups(JsonElement report) =>
        report.GetProperty("groups").Deserialize<List<OutcomeGroup>>(Web)!;

    private static string[] Loads(JsonElement dashboard) =>
        [.. dashboard.GetProperty("counselors").EnumerateArray()
            .Select(c => $"{c.GetProperty("counselorId").GetString()}:{c.GetProperty("openCases").GetInt32()}:{c.GetProperty("overdueFollowUps").GetInt32()}")];

    /// <summary>The figures of a dashboard: everything but when it was read and how fresh it was.</summary>
    private static string DashboardFigures(JsonElement dashboard) => string.Join("|",
        dashboard.GetProperty("openCases"), dashboard.GetProperty("openCasesByStage"), dashboard.GetProperty("counselors"),
        dashboard.GetProperty("period"), dashboard.GetProperty("today"));

    private async Task<List<JasperFx.Events.IEvent>> ExportsAsync()
    {
        await using var session = api.Store.QuerySession();
        return [.. await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypesAre(typeof(OutcomeReportExported)))
            .OrderBy(e => e.Sequence)
            .ToListAsync()];
    }
}
