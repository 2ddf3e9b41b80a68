using System.Globalization;
using Counseling.Api.Localization;
using Counseling.Domain.Cases;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Counseling.Api.Reports.Monthly;

/// <summary>
/// The monthly report as a PDF (PDFsharp), A4, two pages: the office, the month, the moment and checkpoint the figures
/// are as of, the counselors, the month's figures and the placements chart; then the cohort triangle as a table and a
/// chart, open cases by stage, the audit block (checkpoint sequence, head, signature; the digest; how to recompute) and
/// a place for the supervisor's signature. Every figure is printed from <see cref="MonthlyFigures"/>, one per line as
/// "label value", so it can be read back (the tests do, with PdfPig). Numbers are written the report language's way
/// (Indonesian: decimal comma).
/// </summary>
public static class MonthlyReportDocument
{
    private const double Margin = 42, PageWidth = 595, PageHeight = 842, ContentWidth = PageWidth - 2 * Margin;

    public static byte[] Render(MonthlyReportAnswer report, CultureInfo language, string recomputeUrl)
    {
        ReportFonts.Install();
        var figures = report.Figures;
        string T(string key) => Texts.Get(key, language);

        using var document = new PdfDocument();
        document.Info.Title = string.Join(" - ", T("Monthly.Title"), report.OfficeName, MonthName(report.Month, language));
        document.Info.Subject = $"{report.OfficeId} {report.Month} {report.Digest}";
        document.Info.Creator = "JKP Counseling";
        // The document's own date is the moment its figures are as of, not when it was produced: the same request gives
        // the same document later. Who produced it when is in the audit trail (MonthlyReportProduced).
        document.Info.CreationDate = figures.AsOf.UtcDateTime;
        document.Info.ModificationDate = figures.AsOf.UtcDateTime;

        var pages = new List<Writer>();
        var w = NewPage(document, pages);
        w.Text(T("Monthly.Title"), 15, bold: true);
        w.Gap(4);
        w.Row($"{T("Monthly.Office")}: {report.OfficeName} ({report.OfficeId})", 11, bold: true);
        w.Row($"{T("Monthly.Month")}: {MonthName(report.Month, language)} ({report.Month})", 11, bold: true);
        var asOfWib = figures.AsOf.ToOffset(Wib.Offset);
        w.Wrapped(Texts.Format(language, "Monthly.AsOf",
            asOfWib.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            figures.AsOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            figures.CheckpointSequence), 9);
        w.Gap(8);

        w.Text(T("Monthly.Counselors"), 11, bold: true);
        w.Columns(9, true, [0, 70, 255, 395], T("Monthly.Counselor.Id"), T("Monthly.Counselor.Name"), T("Monthly.Counselor.Open"), T("Monthly.Counselor.Sessions"));
        foreach (var c in figures.Counselors)
            w.Columns(9, false, [0, 70, 255, 395], c.CounselorId, report.CounselorNames.GetValueOrDefault(c.CounselorId) ?? "",
                Whole(c.OpenCasesAtMonthEnd), Whole(c.Sessions));
        w.Gap(8);

        w.Text(T("Monthly.Figures"), 11, bold: true);
        foreach (var (label, value) in FigureLines(figures, language)) w.Figure(label, value);
        w.Gap(8);
        w.Image(MonthlyCharts.PlacementsByMonth(figures, language));

        w = NewPage(document, pages);
        w.Text(T("Monthly.Cohort.Title"), 11, bold: true);
        double[] cohortColumns = [0, 110, 170, 240, 310, 380, 450];
        w.Columns(9, true, cohortColumns,
        [
            T("Monthly.Cohort.IntakeMonth"), T("Monthly.Cohort.Opened"), T("Monthly.Cohort.Placed"),
            .. OutcomeReport.CohortDays.Select(d => Texts.Format(language, "Monthly.Cohort.Within", d)),
        ]);
        foreach (var g in figures.Cohorts)
            w.Columns(9, false, cohortColumns, g.Group, Number(g.CasesOpened, language), Number(g.Placed, language),
                Cell(g.PlacedWithin30Days, language), Cell(g.PlacedWithin60Days, language), Cell(g.PlacedWithin90Days, language),
                Cell(g.PlacedWithin180Days, language));
        w.Gap(6);
        w.Image(MonthlyCharts.Cohorts(figures, language));
        w.Gap(4);
        w.Image(MonthlyCharts.OpenCasesByStage(figures, language));
        w.Gap(6);

        w.Text(T("Monthly.Audit"), 11, bold: true);
        var checkpoint = report.Checkpoint;
        w.Figure(T("Monthly.Audit.Sequence"), checkpoint.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "");
        w.Figure(T("Monthly.Audit.IssuedAt"), checkpoint.IssuedAt ?? "");
        w.Figure(T("Monthly.Audit.KeyId"), checkpoint.KeyId ?? "");
        w.Row($"{T("Monthly.Audit.Head")}:", 8);
        w.Row(checkpoint.Head ?? "", 8);
        w.Row($"{T("Monthly.Audit.Signature")}:", 8);
        foreach (var chunk in Chunks(checkpoint.Signature ?? "", 80)) w.Row(chunk, 8);
        w.Row($"{T("Monthly.Audit.Digest")}:", 8);
        w.Row(report.Digest, 8);
        w.Wrapped(Texts.Format(language, "Monthly.Audit.How", recomputeUrl), 8);
        w.Wrapped(T("Monthly.NoPersonalData"), 8);
        w.Gap(14);
        w.Signature(T("Monthly.Sign.Supervisor"), T("Monthly.Sign.Date"));

        for (var i = 0; i < pages.Count; i++) pages[i].Footer(Texts.Format(language, "Monthly.Page", i + 1, pages.Count));
        foreach (var page in pages) page.Dispose();

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>The month's figures as (label, value) lines, in the order printed; what the tests read back.</summary>
    public static IReadOnlyList<(string Label, string Value)> FigureLines(MonthlyFigures figures, CultureInfo language)
    {
        string L(string name) => Texts.Get($"Monthly.Figure.{name}", language);
        var m = figures.Month;
        var lines = new List<(string, string)>
        {
            (L("newCases"), Whole(m.NewCases)),
            (L("sessions"), Whole(m.Sessions)),
            (L("assessments"), Whole(m.Assessments)),
            (L("jobReferrals"), Whole(m.JobReferrals)),
        };
        foreach (var outcome in Enum.GetValues<JobReferralOutcome>())
            lines.Add((Texts.Format(language, "Monthly.Figure.jobReferralOutcome", Texts.Word(outcome, language)),
                Whole(m.JobReferralOutcomes.GetValueOrDefault(Caseloads.QueryParameters.JsonName(outcome)))));
        lines.Add((L("trainingReferrals"), Whole(m.TrainingReferrals)));
        foreach (var outcome in Enum.GetValues<TrainingOutcome>())
            lines.Add((Texts.Format(language, "Monthly.Figure.trainingOutcome", Texts.Word(outcome, language)),
                Whole(m.TrainingOutcomes.GetValueOrDefault(Caseloads.QueryParameters.JsonName(outcome)))));
        lines.AddRange(
        [
            (L("placements"), Whole(m.Placements)),
            (L("selfEmployments"), Whole(m.SelfEmployments)),
            (L("casesClosed"), Whole(m.CasesClosed)),
            (L("casesClosedWithWork"), Whole(m.CasesClosedWithWork)),
            (L("placementRate"), Percent(m.PlacementRate, language)),
            (L("medianDaysToPlacement"), m.MedianDaysToPlacement is { } days ? Number(days, language) : "-"),
            (L("benefitMonthsMet"), Whole(m.BenefitMonthsMet)),
            (L("benefitMonthsNotMet"), Whole(m.BenefitMonthsNotMet)),
            (L("transfersIn"), Whole(m.TransfersIn)),
            (L("transfersOut"), Whole(m.TransfersOut)),
            (L("openCasesAtMonthEnd"), Whole(figures.OpenCasesAtMonthEnd)),
            (L("casesWithoutContact"), Whole(figures.CasesWithoutContact)),
        ]);
        return lines;
    }

    public static string MonthName(string month, CultureInfo language) =>
        $"{Texts.Get($"Monthly.MonthName.{int.Parse(month.AsSpan(5, 2), CultureInfo.InvariantCulture)}", language)} {month[..4]}";

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A decimal as the language writes it: Indonesian with a decimal comma, English with a point; no grouping.</summary>
    public static string Number(decimal value, CultureInfo language) =>
        value.ToString("0.####", CultureInfo.InvariantCulture).Replace(".", DecimalSeparator(language), StringComparison.Ordinal);

    /// <summary>A rate as a percentage with up to two decimals (the JSON's four decimal places exactly).</summary>
    public static string Percent(decimal? rate, CultureInfo language) => rate is { } r ? $"{Number(r * 100, language)} %" : "-";

    private static string Cell(decimal? value, CultureInfo language) => value is { } v ? Number(v, language) : "-";

    public static string DecimalSeparator(CultureInfo language) => language.TwoLetterISOLanguageName == "id" ? "," : ".";

    private static IEnumerable<string> Chunks(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size) yield return text.Substring(i, Math.Min(size, text.Length - i));
    }

    private static Writer NewPage(PdfDocument document, List<Writer> pages)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        var writer = new Writer(XGraphics.FromPdfPage(page));
        pages.Add(writer);
        return writer;
    }

    /// <summary>Draws top to bottom on one page: a cursor and a few ways to put text and images at it.</summary>
    private sealed class Writer(XGraphics graphics) : IDisposable
    {
        private double y = Margin;

        private static XFont Font(double size, bool bold = false) =>
            new(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

        public void Gap(double points) => y += points;

        public void Text(string text, double size, bool bold = false) => Row(text, size, bold);

        public void Row(string text, double size, bool bold = false)
        {
            graphics.DrawString(text, Font(size, bold), XBrushes.Black, new XPoint(Margin, y + size), XStringFormats.BaseLineLeft);
            y += size * 1.45;
        }

        /// <summary>A label and its value on one line, the value right-aligned in a column.</summary>
        public void Figure(string label, string value)
        {
            const double size = 9.5;
            var font = Font(size);
            graphics.DrawString(label, font, XBrushes.Black, new XPoint(Margin + 8, y + size), XStringFormats.BaseLineLeft);
            graphics.DrawString(value, Font(size, bold: true), XBrushes.Black, new XPoint(Margin + 420, y + size), XStringFormats.BaseLineRight);
            graphics.DrawLine(new XPen(XColors.LightGray, 0.4), Margin + 8, y + size + 3, Margin + 420, y + size + 3);
            y += size * 1.5;
        }

        public void Columns(double size, bool bold, double[] at, params string[] cells)
        {
            var font = Font(size, bold);
            for (var i = 0; i < cells.Length; i++)
                graphics.DrawString(cells[i], font, XBrushes.Black, new XPoint(Margin + at[i], y + size), XStringFormats.BaseLineLeft);
            y += size * 1.5;
        }

        /// <summary>Text broken into lines at spaces to fit the page's width.</summary>
        public void Wrapped(string text, double size)
        {
            var font = Font(size);
            var line = "";
            foreach (var word in text.Split(' '))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (line.Length > 0 && graphics.MeasureString(candidate, font).Width > ContentWidth)
                {
                    Row(line, size);
                    line = word;
                }
                else line = candidate;
            }
            if (line.Length > 0) Row(line, size);
        }

        public void Image(byte[] png)
        {
            using var stream = new MemoryStream(png);
            using var image = XImage.FromStream(stream);
            var height = ContentWidth * image.PixelHeight / image.PixelWidth;
            graphics.DrawImage(image, Margin, y, ContentWidth, height);
            y += height;
        }

        public void Signature(string who, string date)
        {
            var pen = new XPen(XColors.Black, 0.6);
            y += 24;
            graphics.DrawLine(pen, Margin, y, Margin + 250, y);
            graphics.DrawLine(pen, Margin + 330, y, Margin + ContentWidth, y);
            graphics.DrawString(who, Font(8.5), XBrushes.Black, new XPoint(Margin, y + 11), XStringFormats.BaseLineLeft);
            graphics.DrawString(date, Font(8.5), XBrushes.Black, new XPoint(Margin + 330, y + 11), XStringFormats.BaseLineLeft);
            y += 16;
        }

        public void Footer(string text) =>
            graphics.DrawString(text, Font(8), XBrushes.Gray, new XPoint(PageWidth - Margin, PageHeight - Margin / 2), XStringFormats.BaseLineRight);

        public void Dispose() => graphics.Dispose();
    }
}
