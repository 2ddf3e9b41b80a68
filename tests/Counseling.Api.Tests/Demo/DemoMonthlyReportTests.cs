using System.Globalization;
using System.Text.Json;
using Alba;
using Counseling.Api.Reports.Monthly;
using Counseling.Api.Tests.Reports;

namespace Counseling.Api.Tests.Demo;

/// <summary>
/// The demo office's monthly report for the last month that ended before the demo's day: every figure of the PDF is the
/// JSON report's. How long producing it takes (the monthly report's bar: under two seconds once the service is warm) is
/// measured by ops/bench/run, on the benchmark's volume, not here.
/// </summary>
[Collection(DemoCollection.Name)]
public class DemoMonthlyReportTests(DemoFixture demo)
{
    [Fact]
    public async Task The_demo_office_report_reads_back_as_its_json()
    {
        var month = new DateOnly(demo.Today.Year, demo.Today.Month, 1).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var url = $"/offices/bekasi/reports/monthly?month={month}";

        // The first production issues the checkpoint the month is computed at.
        var json = JsonDocument.Parse(await (await demo.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("Accept", "application/json");
        })).ReadAsTextAsync()).RootElement;
        var pdf = await PdfAsync(url);
        var figures = json.GetProperty("figures").Deserialize<MonthlyFigures>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        figures.Month.NewCases.Should().BePositive("the demo opens cases every month");
        var lines = MonthlyReportTests.PdfLines(pdf);
        foreach (var (label, value) in MonthlyReportDocument.FigureLines(figures, CultureInfo.GetCultureInfo("id")))
            lines.Should().Contain($"{label} {value}");
        lines.Should().Contain(json.GetProperty("digest").GetString()!);
    }

    private async Task<byte[]> PdfAsync(string url)
    {
        var result = await demo.Host.Scenario(s => s.Get.Url(url));
        result.Context.Response.ContentType.Should().Be("application/pdf");
        using var body = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(body);
        return body.ToArray();
    }
}
