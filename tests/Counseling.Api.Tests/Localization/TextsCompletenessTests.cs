using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Counseling.Api.Localization;
using Counseling.Api.Tests.Infrastructure;
using Counseling.Domain;
using Counseling.Domain.Cases;

namespace Counseling.Api.Tests.Localization;

/// <summary>
/// No text a person reads is English only: every English text (Texts.resx) has its Bahasa Indonesia (Texts.id.resx)
/// with the same placeholders, every reason the domain refuses for (<see cref="Why"/>) has one too, and no answer in
/// the API's source is an English literal.
/// </summary>
public partial class TextsCompletenessTests
{
    private static readonly ResourceManager Resources = new("Counseling.Api.Localization.Texts", typeof(Texts).Assembly);

    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static readonly Dictionary<string, string> English = Entries(CultureInfo.InvariantCulture);
    private static readonly Dictionary<string, string> Indonesian = Entries(CultureInfo.GetCultureInfo("id"));

    [Fact]
    public void Every_English_text_and_every_refusal_reason_has_its_Indonesian_and_nothing_else_does()
    {
        var expected = English.Keys.Concat(Why.All.Select(w => $"Why.{w.Code}")).ToHashSet();

        expected.Except(Indonesian.Keys).Should().BeEmpty("each of these has no line in Texts.id.resx");
        Indonesian.Keys.Except(expected).Should().BeEmpty("each of these in Texts.id.resx translates nothing");
        English.Keys.Should().NotContain(k => k.StartsWith("Why.", StringComparison.Ordinal),
            "a refusal's English is the domain's own (Why), so that it cannot drift from what domain tests assert");
    }

    [Fact]
    public void The_codes_of_refusal_reasons_are_unique()
    {
        Why.All.GroupBy(w => w.Code).Where(g => g.Count() > 1).Select(g => g.Key).Should().BeEmpty();
    }

    [Fact]
    public void An_Indonesian_text_uses_the_same_placeholders_as_its_English()
    {
        var english = English.Concat(Why.All.Select(w => KeyValuePair.Create($"Why.{w.Code}", w.English))).ToDictionary();

        foreach (var (key, indonesian) in Indonesian)
            Placeholders(indonesian).Should().BeEquivalentTo(Placeholders(english[key]), because: $"{key} reads \"{indonesian}\"");
    }

    [Fact]
    public void Every_refusal_reason_formats_with_as_many_arguments_as_it_has_placeholders()
    {
        foreach (var wording in Why.All)
        {
            var count = Placeholders(wording.English).Select(p => int.Parse(p.Split(':')[0], CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
            var arguments = Enumerable.Repeat<object?>(new DateOnly(2026, 11, 23), count).ToArray();
            var act = () => Texts.Say(wording.With(arguments));
            using (new UiCulture("id")) act.Should().NotThrow(wording.Code);
            act.Should().NotThrow(wording.Code);
        }
    }

    /// <summary>
    /// The ways an answer's text is written in the API; each must take its text from <see cref="Texts"/>, not a literal.
    /// The OpenAPI document's own descriptions (Contract) are for the teams generating clients and stay English.
    /// </summary>
    [GeneratedRegex(@"(WithMessage|CaseAccess\.Problem)\(\$?""|(Detail|Title) = \$?""|(title|detail): \$?""|InvalidQuery\(""[^""]*"", \$?""|AddFailure\([^,]+, \$?""|Fail\([^,]+, \$?""")]
    private static partial Regex EnglishLiteralAnswer();

    [Fact]
    public void No_answer_of_the_API_is_an_English_literal()
    {
        var source = Path.Combine(ApiFixture.RepositoryRoot, "src", "Counseling.Api");
        var literals = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"Internal{Path.DirectorySeparatorChar}Generated") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}Contract{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(source, f), Line: i + 1, Text: line.Trim())))
            .Where(l => EnglishLiteralAnswer().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}");

        literals.Should().BeEmpty("answers take their text from Localization/Texts*.resx (Texts.Get, Texts.Format, Texts.Say)");
    }

    private static string[] Placeholders(string text) =>
        [.. Regex.Matches(text.Replace("{{", "").Replace("}}", ""), @"\{(\d+(:[^}]*)?)\}").Select(m => m.Groups[1].Value).Distinct().Order()];

    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _before = CultureInfo.CurrentUICulture;
        public UiCulture(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        public void Dispose() => CultureInfo.CurrentUICulture = _before;
    }
}
