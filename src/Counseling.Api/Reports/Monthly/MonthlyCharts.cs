using System.Globalization;
using Counseling.Api.Localization;
using Counseling.Domain.Cases;
using ScottPlot;

namespace Counseling.Api.Reports.Monthly;

/// <summary>The monthly report's three charts, drawn by ScottPlot (through SkiaSharp) as PNG images for the PDF.</summary>
public static class MonthlyCharts
{
    public const int Width = 1000, Height = 380;

    private static readonly Color[] Palette =
        [Color.FromHex("#1f77b4"), Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e"), Color.FromHex("#9467bd")];

    /// <summary>Placements that started in each of the last twelve months, this one last.</summary>
    public static byte[] PlacementsByMonth(MonthlyFigures figures, CultureInfo language)
    {
        using var plot = NewPlot(Texts.Get("Monthly.Chart.PlacementsByMonth", language));
        var months = figures.PlacementsByMonth;
        var bars = plot.Add.Bars(months.Select((m, i) => new Bar
        {
            Position = i,
            Value = m.Count,
            FillColor = Palette[0],
            Label = m.Count.ToString(CultureInfo.InvariantCulture),
        }).ToArray());
        bars.ValueLabelStyle.FontSize = 13;
        Ticks(plot, months.Select(m => MonthLabel(m.Month, language)).ToArray());
        plot.Axes.Margins(bottom: 0);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>The cohort triangle: per intake month, the share placed within 30, 60, 90 and 180 days (a cell not yet observable is left out).</summary>
    public static byte[] Cohorts(MonthlyFigures figures, CultureInfo language)
    {
        using var plot = NewPlot(Texts.Get("Monthly.Chart.Cohorts", language));
        var cohorts = figures.Cohorts;
        var series = new (int Days, Func<OutcomeGroup, decimal?> Cell)[]
        {
            (30, g => g.PlacedWithin30Days), (60, g => g.PlacedWithin60Days), (90, g => g.PlacedWithin90Days), (180, g => g.PlacedWithin180Days),
        };
        var bars = new List<Bar>();
        for (var s = 0; s < series.Length; s++)
        {
            for (var i = 0; i < cohorts.Count; i++)
            {
                if (series[s].Cell(cohorts[i]) is not { } placed || cohorts[i].CasesOpened == 0) continue;
                bars.Add(new Bar
                {
                    Position = i + (s - 1.5) * 0.2,
                    Value = (double)(placed / cohorts[i].CasesOpened * 100),
                    Size = 0.2,
                    FillColor = Palette[s],
                });
            }
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = Texts.Format(language, "Monthly.Cohort.Legend", series[s].Days),
                FillColor = Palette[s],
            });
        }
        if (bars.Count > 0) plot.Add.Bars(bars);
        Ticks(plot, cohorts.Select(c => MonthLabel(c.Group, language)).ToArray());
        // Every intake month on the axis, the youngest too, whose cells are not observable yet.
        plot.Axes.SetLimitsX(-0.6, Math.Max(cohorts.Count, 1) - 0.4);
        plot.Axes.SetLimitsY(0, 100);
        plot.Legend.FontSize = 12;
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>The office's open cases at the month's end by stage.</summary>
    public static byte[] OpenCasesByStage(MonthlyFigures figures, CultureInfo language)
    {
        using var plot = NewPlot(Texts.Get("Monthly.Chart.OpenByStage", language));
        var stages = Enum.GetValues<CaseStage>().Where(s => s != CaseStage.Closed).ToArray();
        var counts = stages.Select(s => figures.OpenCasesByStage.GetValueOrDefault(Caseloads.QueryParameters.JsonName(s))).ToArray();
        var bars = plot.Add.Bars(counts.Select((count, i) => new Bar
        {
            Position = i,
            Value = count,
            FillColor = Palette[1],
            Label = count.ToString(CultureInfo.InvariantCulture),
        }).ToArray());
        bars.ValueLabelStyle.FontSize = 13;
        Ticks(plot, stages.Select(s => Texts.Word(s, language)).ToArray());
        plot.Axes.Margins(bottom: 0);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static Plot NewPlot(string title)
    {
        ReportFonts.Install();
        var plot = new Plot();
        plot.Title(title, size: 18);
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        return plot;
    }

    private static void Ticks(Plot plot, string[] labels)
    {
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, labels.Length).Select(i => (double)i)], labels);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
    }

    /// <summary>"2026-11" as "Nov 26" in the report's language (first three letters of the month's name).</summary>
    public static string MonthLabel(string month, CultureInfo language)
    {
        var number = int.Parse(month.AsSpan(5, 2), CultureInfo.InvariantCulture);
        return $"{Texts.Get($"Monthly.MonthName.{number}", language)[..3]} {month[2..4]}";
    }
}
