using System.Net;
using System.Text.RegularExpressions;

namespace JointInspection.Tests.Triage;

/// <summary>One inspectorate's row of a capacity table as a page shows it, each figure as its text.</summary>
public sealed record CapacityRow(string Available, string Committed, string Provisional, string Left);

/// <summary>One inspectorate's row of a scenario's table: the figures now, the scenario's change to each, and what it would leave.</summary>
public sealed record ScenarioRow(
    string Available, string Committed, string Provisional, string CommittedChange, string ProvisionalChange, string Left, string? Over);

/// <summary>
/// Reads the capacity figures the pages show: the overview's table for a year, the assessment and decision pages' table,
/// and a scenario's table for a year (on the overview or on a page that moves a workstream).
/// </summary>
public static partial class CapacityTables
{
    /// <summary>The overview's capacity table for the year.</summary>
    public static CapacityRow Overview(string html, string year, string code)
    {
        var row = Row(html, $"data-capacity-year=\"{year}\"", code);
        return new(Field(row, "available"), Field(row, "committed"), Field(row, "provisional"), LeftValue(row));
    }

    /// <summary>The assessment or decision page's table (_CapacityTable), and what it counts as this request.</summary>
    public static (CapacityRow Row, string Requested) Weighing(string html, string code)
    {
        var match = Regex.Match(
            html,
            $@"<tr class=""govuk-table__row"" data-available=""(?<a>[^""]*)"" data-committed=""(?<c>[^""]*)"" data-provisional=""(?<p>[^""]*)"" data-inspectorate=""{code}"">(?<row>[\s\S]*?)</tr>");
        Assert.True(match.Success, $"No capacity row for {code}");
        var row = match.Groups["row"].Value;
        return (
            new(match.Groups["a"].Value, match.Groups["c"].Value, match.Groups["p"].Value, Regex.Match(row, "data-left>([^<]*)<").Groups[1].Value),
            Regex.Match(row, "data-requested>([^<]*)<").Groups[1].Value);
    }

    /// <summary>A scenario's table for the year.</summary>
    public static ScenarioRow Scenario(string html, string year, string code)
    {
        var row = Row(html, $"data-scenario-year=\"{year}\"", code);
        var over = Regex.Match(row, "data-field=\"over\">([^<]*)</strong>");
        return new(
            Field(row, "available"), Field(row, "committed"), Field(row, "provisional"), Field(row, "committed-change"), Field(row, "provisional-change"),
            LeftValue(row), over.Success ? over.Groups[1].Value : null);
    }

    /// <summary>A whole number as the pages write it: "1,200", "-40" or "−40".</summary>
    public static int Number(string text) =>
        int.Parse(text.Trim().Replace(",", "", StringComparison.Ordinal).Replace('−', '-'), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture);

    private static string Row(string html, string table, string code)
    {
        var at = html.IndexOf(table, StringComparison.Ordinal);
        Assert.True(at >= 0, $"No table {table}");
        var start = html.IndexOf($"data-inspectorate=\"{code}\"", at, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row for {code} in {table}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static string Field(string row, string name) =>
        WebUtility.HtmlDecode(Regex.Match(row, $"data-field=\"{name}\">([^<]*)<").Groups[1].Value.Trim());

    private static string LeftValue(string row) => LeftSpan().Match(row).Groups[1].Value;

    [GeneratedRegex("<span data-value>([^<]*)</span>")]
    private static partial Regex LeftSpan();
}
