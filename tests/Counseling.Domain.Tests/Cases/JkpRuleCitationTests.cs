using System.Reflection;
using System.Text;
using Counseling.Domain.Cases.Benefit;

namespace Counseling.Domain.Tests.Cases;

/// <summary>Every JKP rule the service applies cites its source, and docs/jkp-rules.md tables every one.</summary>
public class JkpRuleCitationTests
{
    private const string TableStart = "<!-- rules: written by JkpRuleCitationTests -->";
    private const string TableEnd = "<!-- end of rules -->";

    [Fact]
    public void Every_figure_of_a_rule_set_has_a_source()
    {
        var notFigures = new[] { nameof(BenefitRuleSet.Id), nameof(BenefitRuleSet.Title), nameof(BenefitRuleSet.InForceFrom), nameof(BenefitRuleSet.Sources) };
        var figures = typeof(BenefitRuleSet).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.Name)
            .Where(name => !notFigures.Contains(name) && !name.EndsWith("Source", StringComparison.Ordinal));

        figures.Should().BeSubsetOf(JkpRules.FigureSources.Keys,
            "a figure added to the rule sets needs the source that cites it (JkpRules.FigureSources)");
    }

    [Fact]
    public void Every_rule_cites_an_article_or_names_its_secondary_source()
    {
        JkpRules.All.Should().NotBeEmpty().And.OnlyHaveUniqueItems(r => r.Id);
        foreach (var rule in JkpRules.All)
            rule.Source.Should().Match(s => s.Contains("Pasal") || s.Contains("Secondary source"),
                $"rule {rule.Id} cites a regulation's article, or says it follows a secondary source and which");
    }

    [Fact]
    public void The_documentation_tables_every_rule_with_its_source()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "jkp-rules.md");
        var text = File.ReadAllText(path);
        var table = new StringBuilder().AppendLine(TableStart).AppendLine("| rule | what it says | source |").AppendLine("| --- | --- | --- |");
        foreach (var rule in JkpRules.All)
            table.AppendLine($"| `{rule.Id}` | {rule.Statement.Replace("|", "\\|")} | {rule.Source.Replace("|", "\\|")} |");
        table.Append(TableEnd);

        var start = text.IndexOf(TableStart, StringComparison.Ordinal);
        var end = text.IndexOf(TableEnd, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, "docs/jkp-rules.md holds the rules table between its markers");
        var current = text[start..(end + TableEnd.Length)].ReplaceLineEndings("\n");
        var expected = table.ToString().ReplaceLineEndings("\n");
        if (current != expected)
            File.WriteAllText(path, text[..start] + expected + text[(end + TableEnd.Length)..]);
        current.Should().Be(expected, "the table is the rules as the code holds them (rewritten now: commit docs/jkp-rules.md)");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Counseling.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Counseling.sln not found above the test's directory");
    }
}
