using PdfSharp.Fonts;
using SkiaSharp;

namespace Counseling.Api.Reports.Monthly;

/// <summary>
/// The one font family the monthly report draws with, DejaVu Sans (regular and bold), embedded in the assembly
/// (Fonts/LICENSE): PDFsharp 6 finds no fonts on Linux by itself, and SkiaSharp's native library without dependencies
/// has no fontconfig to ask, so both are handed these files. Nothing is looked up on the machine or fetched.
/// </summary>
public static class ReportFonts
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<byte[]> Regular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> Bold = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly object Gate = new();
    private static bool installed;

    /// <summary>Hands the font to PDFsharp and ScottPlot, once per process (both keep it in a static setting).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (installed) return;
            GlobalFontSettings.FontResolver ??= new PdfFonts();
            ScottPlot.Fonts.FontResolvers.Insert(0, new ChartFonts());
            ScottPlot.Fonts.Default = Family;
            ScottPlot.Fonts.Sans = Family;
            installed = true;
        }
    }

    private static byte[] Bytes(bool bold) => bold ? Bold.Value : Regular.Value;

    private static byte[] Load(string file)
    {
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream($"Counseling.Api.Reports.Monthly.Fonts.{file}")
            ?? throw new InvalidOperationException($"The font {file} is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Every family PDFsharp asks for is DejaVu Sans: the report names no other.</summary>
    private sealed class PdfFonts : IFontResolver
    {
        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(isBold ? "DejaVuSans-Bold" : "DejaVuSans", false, isItalic);

        public byte[] GetFont(string faceName) => Bytes(faceName.EndsWith("-Bold", StringComparison.Ordinal));
    }

    private sealed class ChartFonts : ScottPlot.IFontResolver
    {
        public SKTypeface CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing width) =>
            Face(weight >= ScottPlot.FontWeight.SemiBold);

        public SKTypeface CreateTypeface(string fontName, bool bold, bool italic) => Face(bold);

        // A new typeface each time: the caller owns (and may dispose) what it is given.
        private static SKTypeface Face(bool bold) => SKTypeface.FromData(SKData.CreateCopy(Bytes(bold)));
    }
}
