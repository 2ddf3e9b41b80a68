using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Reports;
using Counseling.Api.Reports.Monthly;
using Counseling.Api.Tests.Caseloads;
using Marten;
using Marten.Events;
using Npgsql;
using UglyToad.PdfPig;

namespace Counseling.Api.Tests.Reports;

/// <summary>
/// Four workers' cases in two offices in March 2027, driven over HTTP, and the March report of one of them: its figures
/// worked out by hand and equal to the dashboard and the outcome report as of the month's end; the PDF read back
/// (PdfPig) in Indonesian and English; the CSV; the same report after later writes and checkpoints; its audit event; and
/// its recomputation from the checkpoint it names, before and after an insider edits one counted event.
/// </summary>
[Collection(MonthlyReportsCollection.Name)]
public class MonthlyReportTests(MonthlyReportsFixture api)
{
    private const string Bekasi = "mr-bekasi", Kalteng = "mr-kalteng";
    private const string Dewi = "mr-dewi", Rudi = "mr-rudi", Yohana = "mr-yohana";
    private const string Url = $"/offices/{Bekasi}/reports/monthly?month=2027-03";

    /// <summary>The end of March 2027: 1 April, 00:00 WIB.</summary>
    private static readonly DateTimeOffset MarchEnd = new(2027, 3, 31, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_month_as_of_its_end_in_every_format_recomputed_from_its_checkpoint_and_after_an_insider_edit()
    {
        await api.AddOfficeAsync(Bekasi, (Dewi, "Dewi Anggraini"), (Rudi, "Rudi Hartono"));
        await api.AddOfficeAsync(Kalteng, (Yohana, "Yohana Tarigan"));

        // 1 March: three intakes at Bekasi, one at Kalteng. A has a session; B a self-assessment; C a job referral.
        api.MoveTo(new DateOnly(2027, 3, 1));
        var a = await CaseSteps.OpenAsync(api, Bekasi, Dewi, "3216061505900301");
        await a.SessionAsync(followUpInDays: 7);
        var b = await CaseSteps.OpenAsync(api, Bekasi, Dewi, "3216061505900302");
        await b.AssessAsync("needsTraining");
        var c = await CaseSteps.OpenAsync(api, Bekasi, Rudi, "3216061505900303");
        var referral = await c.ReferToJobAsync();
        var d = await CaseSteps.OpenAsync(api, Kalteng, Yohana, "6271011505900304");

        // 11 March: C is hired through the referral and starts (10 days after intake); B completes a BLK course.
        api.MoveTo(new DateOnly(2027, 3, 11));
        await c.JobOutcomeAsync(referral, "hired");
        await c.PlaceAsync(jobReferralId: referral, monthlyWage: 5_400_000);
        var course = await b.ReferToTrainingAsync("course");
        await b.TrainingOutcomeAsync(course, "started");
        await b.TrainingOutcomeAsync(course, "completed");

        // 15 March: Kalteng hands D over to Bekasi (Dewi): a transfer in.
        api.MoveTo(new DateOnly(2027, 3, 15));
        await d.TransferAsync(Bekasi, Dewi);

        // 2 April: the month has ended; April's own writes begin, one of them a session dated in March.
        api.MoveTo(new DateOnly(2027, 4, 2));
        await b.SessionAsync();
        await api.WaitForProjectionsAsync();

        var report = await JsonReportAsync();
        var figures = report.GetProperty("figures");
        var month = figures.GetProperty("month");
        figures.GetProperty("reportMonth").GetString().Should().Be("2027-03");
        figures.GetProperty("asOf").GetDateTimeOffset().Should().Be(MarchEnd);
        report.GetProperty("asOf").GetDateTimeOffset().Should().Be(MarchEnd);
        Ints(month, "newCases", "sessions", "assessments", "jobReferrals", "trainingReferrals", "placements", "selfEmployments",
                "casesClosed", "transfersIn", "transfersOut")
            .Should().Equal(3, 1, 1, 1, 1, 1, 0, 0, 1, 0);
        month.GetProperty("jobReferralOutcomes").GetProperty("hired").GetInt32().Should().Be(1);
        month.GetProperty("trainingOutcomes").GetProperty("completed").GetInt32().Should().Be(1);
        month.GetProperty("placementRate").ValueKind.Should().Be(JsonValueKind.Null, "no case was closed in March");
        month.GetProperty("medianDaysToPlacement").GetDecimal().Should().Be(10);
        // Cases count at the office that opened them (as the dashboard and the outcome report count them): D is Kalteng's.
        figures.GetProperty("openCasesAtMonthEnd").GetInt32().Should().Be(3);
        figures.GetProperty("openCasesByStage").GetProperty("placed").GetInt32().Should().Be(1);
        // A's last contact was 1 March and B's intake 1 March: 30 days passed on 31 March; C is placed.
        figures.GetProperty("casesWithoutContact").GetInt32().Should().Be(2);
        figures.GetProperty("counselors").EnumerateArray()
            .Select(x => $"{x.GetProperty("counselorId").GetString()}:{x.GetProperty("openCasesAtMonthEnd").GetInt32()}:{x.GetProperty("sessions").GetInt32()}")
            .Should().Equal($"{Dewi}:2:1", $"{Rudi}:1:0");
        report.GetProperty("counselorNames").GetProperty(Dewi).GetString().Should().Be("Dewi Anggraini");
        figures.GetProperty("placementsByMonth").EnumerateArray().Select(m => m.GetProperty("month").GetString())
            .Should().HaveCount(12).And.StartWith("2026-04").And.EndWith("2027-03");
        figures.GetProperty("placementsByMonth")[11].GetProperty("count").GetInt32().Should().Be(1);

        // The same figures as the dashboard and the outcome report, each as of the month's end.
        var asOf = MarchEnd.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var dashboard = await api.GetAsync($"/offices/{Bekasi}/dashboard?from=2027-03-01&to=2027-03-31&asOf={asOf}");
        var period = dashboard.GetProperty("period");
        foreach (var (ours, theirs) in new[]
                 {
                     ("newCases", "newCases"), ("placements", "placements"), ("selfEmployments", "selfEmployments"),
                     ("casesClosed", "casesClosed"), ("casesClosedWithWork", "casesClosedWithWork"), ("placementRate", "placementRate"),
                     ("medianDaysToPlacement", "medianDaysFromIntakeToPlacement"), ("trainingReferrals", "trainingReferrals"),
                 })
            month.GetProperty(ours).ToString().Should().Be(period.GetProperty(theirs).ToString(), ours);
        figures.GetProperty("openCasesAtMonthEnd").GetInt32().Should().Be(dashboard.GetProperty("openCases").GetInt32());
        foreach (var stage in dashboard.GetProperty("openCasesByStage").EnumerateObject())
            figures.GetProperty("openCasesByStage").GetProperty(stage.Name).GetInt32().Should().Be(stage.Value.GetInt32(), stage.Name);
        var cohorts = await api.GetAsync($"/reports/outcomes?groupBy=intakeMonth&officeId={Bekasi}&from=2026-04-01&to=2027-03-31&asOf={asOf}");
        figures.GetProperty("cohorts").ToString().Should().Be(cohorts.GetProperty("groups").ToString());
        cohorts.GetProperty("groups").GetArrayLength().Should().Be(1);

        // The checkpoint: signed, at or after the month's end, reaching every event recorded by then.
        var checkpoint = report.GetProperty("checkpoint");
        DateTimeOffset.Parse(checkpoint.GetProperty("issuedAt").GetString()!, CultureInfo.InvariantCulture).Should().BeOnOrAfter(MarchEnd);
        checkpoint.GetProperty("sequence").GetInt64().Should().Be(figures.GetProperty("checkpointSequence").GetInt64());
        report.GetProperty("digest").GetString().Should().MatchRegex("^[0-9a-f]{64}$");

        // The PDF, in Indonesian by default: every figure line of the month, equal to the JSON's.
        var pdf = await PdfAsync(null);
        var lines = PdfLines(pdf);
        var typed = report.GetProperty("figures").Deserialize<MonthlyFigures>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var indonesian = CultureInfo.GetCultureInfo("id");
        foreach (var (label, value) in MonthlyReportDocument.FigureLines(typed, indonesian))
            lines.Should().Contain($"{label} {value}");
        lines.Should().Contain(["Kasus baru 3", "Sesi konseling 1", "Penempatan kerja 1", "Hasil rujukan kerja: diterima bekerja 1",
            "Pindahan masuk 1", "Median hari dari pendaftaran ke penempatan 10", "Kasus terbuka tanpa kontak 30 hari 2"]);
        lines.Should().Contain(l => l.Contains("Maret 2027") && l.Contains("2027-03"));
        string.Join(' ', lines).Should().Contain("2027-04-01 00:00 WIB (2027-03-31T17:00:00Z)");
        lines.Should().Contain(l => l.Contains("Dewi Anggraini"));
        // The cohort table: March's intakes, 3 cases, 1 placed, within 30 days (observable: Mar 1 + 30 <= the cut, Apr 1);
        // the longer cells not yet.
        lines.Should().Contain("2027-03 3 1 1 - - -");
        lines.Should().Contain(report.GetProperty("digest").GetString()!);
        lines.Should().Contain(checkpoint.GetProperty("head").GetString()!);
        lines.Should().Contain($"Urutan checkpoint {checkpoint.GetProperty("sequence").GetInt64()}");
        string.Concat(lines).Replace(" ", "").Should().Contain(checkpoint.GetProperty("signature").GetString()!);

        // No worker's personal data in any of it.
        foreach (var text in new[] { string.Join(' ', lines), report.ToString() })
            text.Should().NotContain("Siti Rahmawati").And.NotContain("081234567890").And.NotContain("3216061505900301");

        // In English when asked.
        var english = PdfLines(await PdfAsync("en"));
        english.Should().Contain(["New cases 3", "Placements 1", "Job referral outcome: hired 1", "Transfers in 1"]);
        english.Should().Contain(l => l.Contains("March 2027"));

        // The CSV: one figure a line, by the path the recomputation names.
        var csv = await CsvAsync();
        csv.Should().StartWith("figure,value\n").And.Contain("\nfigures.month.placements,1\n").And.Contain("\nfigures.month.transfersIn,1\n")
            .And.Contain($"\ndigest,{report.GetProperty("digest").GetString()}\n");

        // Each production is audited: who, which office and month, in what format; four so far.
        var produced = await ProductionsAsync();
        produced.Select(p => $"{p.ProducedBy}/{p.Role}/{p.OfficeId}/{p.Month}/{p.Format}/{p.Language}").Should().Equal(
            "mr-auditor/auditor/mr-bekasi/2027-03/application/json/id",
            "mr-auditor/auditor/mr-bekasi/2027-03/application/pdf/id",
            "mr-auditor/auditor/mr-bekasi/2027-03/application/pdf/en",
            "mr-auditor/auditor/mr-bekasi/2027-03/text/csv/id");
        produced.Should().OnlyContain(p => p.Digest == report.GetProperty("digest").GetString() && p.ProducedAt == api.Clock.GetUtcNow());

        // Later: a placement dated 25 March recorded on 5 April, a new checkpoint; the March report does not change.
        api.MoveTo(new DateOnly(2027, 4, 5));
        await a.PlaceAsync(startsOn: new DateOnly(2027, 3, 25));
        await api.WaitForProjectionsAsync();
        await api.GetAsync("/audit/checkpoint");
        var later = await JsonReportAsync();
        later.GetProperty("digest").GetString().Should().Be(report.GetProperty("digest").GetString());
        later.GetProperty("checkpoint").ToString().Should().Be(checkpoint.ToString());

        // An insider back-dates that placement's recorded timestamp into March: it lies beyond the checkpoint's sequence,
        // so neither the report nor its recomputation reads it.
        await using (var backdate = new NpgsqlConnection(api.ConnectionString))
        {
            await backdate.OpenAsync();
            await using var move = new NpgsqlCommand(
                "update counseling.mt_events set timestamp = @at where stream_id = @case and type = 'worker_placed'", backdate);
            move.Parameters.AddWithValue("case", a.Id);
            move.Parameters.AddWithValue("at", MarchEnd.AddDays(-1));
            (await move.ExecuteNonQueryAsync()).Should().Be(1);
        }
        (await JsonReportAsync()).GetProperty("digest").GetString().Should().Be(report.GetProperty("digest").GetString());

        // Recomputed from the checkpoint it names: it matches.
        var recomputed = await RecomputeAsync(report);
        recomputed.GetProperty("verdict").GetString().Should().Be("matches", recomputed.ToString());
        recomputed.GetProperty("historyMatchesCheckpoint").GetBoolean().Should().BeTrue();
        recomputed.GetProperty("differences").GetArrayLength().Should().Be(0);

        // A figure changed in the document is named, and so is a digest that no longer fits its figures.
        var edited = JsonNode.Parse(report.ToString())!;
        edited["figures"]!["month"]!["placements"] = 2;
        var doctored = await RecomputeAsync(edited);
        doctored.GetProperty("verdict").GetString().Should().Be("differs");
        doctored.GetProperty("digestMatchesFigures").GetBoolean().Should().BeFalse();
        Differences(doctored).Should().Equal("month.placements: 2 -> 1");

        // An insider changes one counted event in the database: C's referral outcome, from hired to rejected.
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using (var edit = new NpgsqlCommand(
            "update counseling.mt_events set data = jsonb_set(data, '{outcome}', " +
            "to_jsonb(case data ->> 'outcome' when 'Hired' then 'Rejected' else 'rejected' end)) " +
            "where stream_id = @case and type = 'job_referral_outcome_recorded'", connection))
        {
            edit.Parameters.AddWithValue("case", c.Id);
            (await edit.ExecuteNonQueryAsync()).Should().Be(1);
        }
        try
        {
            var tampered = await RecomputeAsync(report);
            tampered.GetProperty("verdict").GetString().Should().Be("differs");
            tampered.GetProperty("digestMatchesFigures").GetBoolean().Should().BeTrue("the document itself is as it was issued");
            tampered.GetProperty("historyMatchesCheckpoint").GetBoolean().Should().BeFalse();
            Differences(tampered).Should().Equal("month.jobReferralOutcomes.hired: 1 -> 0", "month.jobReferralOutcomes.rejected: 0 -> 1");
        }
        finally
        {
            await using var undo = new NpgsqlCommand(
                "update counseling.mt_events set data = jsonb_set(data, '{outcome}', " +
                "to_jsonb(case data ->> 'outcome' when 'Rejected' then 'Hired' else 'hired' end)) " +
                "where stream_id = @case and type = 'job_referral_outcome_recorded'", connection);
            undo.Parameters.AddWithValue("case", c.Id);
            await undo.ExecuteNonQueryAsync();
        }
        (await RecomputeAsync(report)).GetProperty("verdict").GetString().Should().Be("matches");
    }

    [Fact]
    public async Task Supervisors_of_the_office_and_auditors_take_it_others_are_told_why_not()
    {
        await api.AddOfficeAsync("mr-scope", ("mr-scope-c1", "Rina"));
        await api.AddOfficeAsync(Bekasi, (Dewi, "Dewi Anggraini"), (Rudi, "Rudi Hartono"));
        // February 2027 ended before the fixture's clock starts: no test here moves the clock back.
        const string url = "/offices/mr-scope/reports/monthly?month=2027-02";

        (await api.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(api.TokenFor("mr-scope-supervisor", Role.Supervisor, "mr-scope"));
            s.StatusCodeShouldBe(200);
        })).Context.Response.ContentType.Should().Be("application/pdf");
        (await api.GetAsync(url, 403, api.TokenFor($"{Bekasi}-supervisor", Role.Supervisor, Bekasi)))
            .GetProperty("detail").GetString().Should().Contain("own office");
        await api.GetAsync(url, 403, api.TokenFor("mr-scope-c1", Role.Counselor, "mr-scope"));
        await api.GetAsync(url, 403, api.TokenFor("mr-admin", Role.Admin, null));
        await api.GetAsync("/offices/nowhere/reports/monthly?month=2027-02", 404);
    }

    [Theory]
    [InlineData("/offices/mr-bekasi/reports/monthly", "month", 400)]
    [InlineData("/offices/mr-bekasi/reports/monthly?month=2027-3", "month", 400)]
    [InlineData("/offices/mr-bekasi/reports/monthly?month=2027-13", "month", 400)]
    [InlineData("/offices/mr-bekasi/reports/monthly?month=1999-12", "month", 400)]
    [InlineData("/offices/mr-bekasi/reports/monthly?month=03-2027", "month", 400)]
    [InlineData("/offices/mr-bekasi/reports/monthly?month=2099-01", "month", 422)]
    public async Task Bad_months_are_problems_naming_the_parameter(string url, string parameter, int status)
    {
        await api.AddOfficeAsync(Bekasi, (Dewi, "Dewi Anggraini"), (Rudi, "Rudi Hartono"));
        var problem = await api.GetAsync(url, status);

        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(parameter);
    }

    [Fact]
    public async Task The_month_still_running_is_refused_until_it_ends()
    {
        await api.AddOfficeAsync(Bekasi, (Dewi, "Dewi Anggraini"), (Rudi, "Rudi Hartono"));
        var running = api.Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var problem = await api.GetAsync($"/offices/{Bekasi}/reports/monthly?month={running}", 422);
        problem.GetProperty("errors").GetProperty("month")[0].GetString().Should().Contain("00:00 WIB");
    }

    private Task<JsonElement> JsonReportAsync() => ScenarioJsonAsync(s =>
    {
        s.Get.Url(Url);
        s.WithRequestHeader("Accept", "application/json");
        s.WithBearerToken(Auditor);
        s.StatusCodeShouldBe(200);
    });

    private async Task<byte[]> PdfAsync(string? language)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url(Url);
            if (language is not null) s.WithRequestHeader("Accept-Language", language);
            s.WithBearerToken(Auditor);
            s.StatusCodeShouldBe(200);
        });
        result.Context.Response.ContentType.Should().Be("application/pdf");
        using var body = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(body);
        return body.ToArray();
    }

    private async Task<string> CsvAsync()
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url(Url);
            s.WithRequestHeader("Accept", "text/csv");
            s.WithBearerToken(Auditor);
            s.StatusCodeShouldBe(200);
        });
        result.Context.Response.ContentType.Should().Be("text/csv; charset=utf-8");
        return await result.ReadAsTextAsync();
    }

    private Task<JsonElement> RecomputeAsync(object report) => ScenarioJsonAsync(s =>
    {
        s.Post.Text(report.ToString()!).ToUrl($"/offices/{Bekasi}/reports/monthly/recompute");
        s.WithRequestHeader("Content-Type", "application/json");
        s.WithBearerToken(Auditor);
        s.StatusCodeShouldBe(200);
    });

    private async Task<JsonElement> ScenarioJsonAsync(Action<Scenario> scenario) =>
        JsonDocument.Parse(await (await api.Host.Scenario(scenario)).ReadAsTextAsync()).RootElement.Clone();

    private string Auditor => api.TokenFor("mr-auditor", Role.Auditor, null);

    private static int[] Ints(JsonElement element, params string[] names) => [.. names.Select(n => element.GetProperty(n).GetInt32())];

    private static string[] Differences(JsonElement recomputation) =>
        [.. recomputation.GetProperty("differences").EnumerateArray()
            .Select(d => $"{d.GetProperty("figure").GetString()}: {d.GetProperty("reported").GetString()} -> {d.GetProperty("recomputed").GetString()}")];

    /// <summary>The PDF's text, line by line: the words of each baseline, left to right, joined by single spaces.</summary>
    internal static List<string> PdfLines(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var lines = new List<string>();
        foreach (var page in document.GetPages())
            lines.AddRange(page.GetWords()
                .GroupBy(w => Math.Round(w.Letters[0].StartBaseLine.Y, 0))
                .OrderByDescending(g => g.Key)
                .Select(g => string.Join(' ', g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))));
        return lines;
    }

    private async Task<List<MonthlyReportProduced>> ProductionsAsync()
    {
        await using var session = api.Store.QuerySession();
        return [.. (await session.Events.QueryAllRawEvents()
                .Where(e => e.EventTypesAre(typeof(MonthlyReportProduced)))
                .OrderBy(e => e.Sequence)
                .ToListAsync())
            .Select(e => (MonthlyReportProduced)e.Data)
            .Where(p => p.OfficeId == Bekasi)];
    }
}
