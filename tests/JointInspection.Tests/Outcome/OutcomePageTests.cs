using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Dapper;

namespace JointInspection.Tests.Outcome;

/// <summary>
/// The outcome page of a concluded round, read as the public reads it and checked against the database: the counts of
/// who took part, every final and released decision with its reasons, risk and agreement, and what changed.
/// </summary>
[Collection(ConcludedRoundTests.Name)]
public sealed class OutcomePageTests(ConcludedRound round)
{
    private const string Path = "/programmes/2021-23/outcome";

    [Fact]
    public async Task The_counts_of_who_took_part_are_those_of_the_database_whatever_the_consent()
    {
        var page = await GetAsync(Path);
        using var connection = round.Portal.OpenDatabase();
        int Count(string sql, object? args = null) => connection.ExecuteScalar<int>(sql, args);

        var kinds = Table(page, "chart-kinds");
        Assert.Equal(Count("SELECT count(*) FROM submission WHERE kind = 'response' AND round_id = 1").ToString(CultureInfo.InvariantCulture), kinds["Responses to the draft programme"][0]);
        Assert.Equal(Count("SELECT count(*) FROM submission WHERE kind = 'suggestion' AND round_id = 1").ToString(CultureInfo.InvariantCulture), kinds["Suggested topics"][0]);
        // Every submission counts, the one whose respondent said "do not publish" too.
        Assert.Equal("6", kinds["Suggested topics"][0]);
        var types = Table(page, "chart-respondent-types");
        Assert.Equal(Count("SELECT count(*) FROM submission WHERE respondent_type = 'organisation'").ToString(CultureInfo.InvariantCulture), types["Organisations"][0]);
        Assert.Equal(Count("SELECT count(*) FROM submission WHERE respondent_type = 'individual'").ToString(CultureInfo.InvariantCulture), types["Individuals"][0]);

        var inspectorates = Table(page, "chart-inspectorates");
        foreach (var code in new[] { "hmcpsi", "hmi-prisons", "hmicfrs" })
        {
            var name = connection.ExecuteScalar<string>("SELECT name || ' (' || short_name || ')' FROM inspectorate WHERE code = @code", new { code })!;
            Assert.Equal(
                [Count("SELECT count(*) FROM submission_inspectorate WHERE inspectorate_code = @code", new { code }).ToString(CultureInfo.InvariantCulture),
                 Count("SELECT count(*) FROM submission WHERE lead_inspectorate_code = @code", new { code }).ToString(CultureInfo.InvariantCulture)],
                inspectorates[name]);
        }

        var areas = Table(page, "chart-areas-of-focus");
        Assert.Equal(["6", "1"], areas[connection.ExecuteScalar<string>("SELECT name FROM area_of_focus WHERE code = 'custodial-conditions'")!]);

        var stances = Table(page, "chart-stances");
        var mentalHealth = connection.ExecuteScalar<string>("SELECT title FROM workstream WHERE slug = 'mental-health'")!;
        Assert.Equal(["0", "0", "1", "0", "1"], stances[mentalHealth]);
        Assert.Equal(["1", "0", "0", "0", "1"], stances["The programme as a whole"]);

        // Each chart says what it shows and draws one bar for each figure it has.
        var chart = page.QuerySelector("svg[data-chart=chart-inspectorates]")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Equal("Inspectorates suggested topics named", chart.QuerySelector("title")!.TextContent);
        Assert.Equal(inspectorates.Count * 2, chart.QuerySelectorAll("g[data-bars] rect").Length);
    }

    [Fact]
    public async Task Every_final_released_decision_is_listed_with_its_reasons_risk_band_and_the_inspectorates_that_agreed()
    {
        var page = await GetAsync(Path);
        using var connection = round.Portal.OpenDatabase();
        var released = connection.ExecuteScalar<int>(
            "SELECT count(DISTINCT submission_id) FROM decision WHERE released_at IS NOT NULL AND (agreement IS NULL OR agreement = 'agreed')");

        Assert.Equal(released, page.QuerySelectorAll("[data-decision]").Length);
        Assert.Equal(9, released);
        Assert.Equal(released, connection.ExecuteScalar<int>("SELECT count(*) FROM submission"));
        var accepted = Decision(page, round.Accepted.Reference);
        Assert.Equal($"It fills a gap {round.Marker}.", Field(accepted, "rationale"));
        Assert.Equal("12 (high)", Field(accepted, "risk"));
        Assert.Equal("HMCPSI (lead), HMI Probation", Field(accepted, "agreed-by"));
        Assert.Equal($"Accepted as a new workstream: {round.AcceptedTitle}", Field(accepted, "decision"));
        Assert.Equal($"Suggestion {round.Marker}", Field(accepted, "title"));
        Assert.Equal("Robin Marsh", Field(accepted, "respondent"));
        // Grouped the way the programme is: an accepted suggestion, part of the new work once the programme is final, under it.
        Assert.NotNull(page.QuerySelector($"#decisions-new ~ [data-decision='{round.Accepted.Reference}']"));
        var declined = Decision(page, round.DeclinedAnonymous.Reference);
        Assert.Equal("4 (low)", Field(declined, "risk"));
        Assert.Equal("Anonymous", Field(declined, "respondent"));
        Assert.StartsWith("Decided by HMCPSI", Field(declined, "agreed-by"), StringComparison.Ordinal);
        Assert.Equal("Not assessed", Field(Decision(page, round.DeferredNone.Reference), "risk"));
        Assert.Equal("Not published at the respondent’s request", Field(Decision(page, round.DeferredNone.Reference), "not-published"));
        Assert.Equal("Not published", Field(Decision(page, round.DeclinedWithheld.Reference), "not-published"));
        Assert.Equal("Not published", Field(Decision(page, round.AreaResponse.Reference), "not-published"));
        // A revised decision is published as it finally stands.
        Assert.Equal("Declined: not taken forward", Field(Decision(page, round.Formula.Reference), "decision"));
        Assert.DoesNotContain(round.RevisedRationale, page.Source.Text, StringComparison.Ordinal);
        // The rationale quoting a passage staff redacted publishes the marker instead.
        Assert.Equal("We looked into [redacted].", Field(Decision(page, round.RedactedResponse.Reference), "rationale"));
    }

    [Fact]
    public async Task What_changed_lists_the_new_workstream_the_merge_and_the_deferral()
    {
        var page = await GetAsync(Path);

        var added = page.QuerySelector("[data-field=new-workstreams]")!;
        Assert.Contains(round.AcceptedTitle, added.TextContent, StringComparison.Ordinal);
        Assert.Contains($"from suggestion {round.Accepted.Reference}, suggested by Robin Marsh", added.TextContent, StringComparison.Ordinal);
        Assert.Contains(round.Merged.Reference, page.QuerySelector("[data-field=merges]")!.TextContent, StringComparison.Ordinal);
        var deferral = page.QuerySelector($"[data-field=deferrals] [data-reference='{round.DeferredNone.Reference}']")!;
        Assert.Contains("to the next joint inspection programme", deferral.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("NONE-TITLE", deferral.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_start_page_and_the_programme_link_to_the_outcome_once_the_round_has_concluded()
    {
        var start = await GetAsync("/");
        var programme = await GetAsync("/programmes/2021-23");

        Assert.Equal(Path, start.QuerySelector("[data-field=outcome-link]")!.GetAttribute("href"));
        Assert.Equal(Path, programme.QuerySelector("[data-field=outcome-link] a")!.GetAttribute("href"));
    }

    private async Task<IHtmlDocument> GetAsync(string path)
    {
        using var client = round.Portal.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A chart's table: each row's heading to its figures, left to right.</summary>
    private static Dictionary<string, string[]> Table(IHtmlDocument page, string chart) =>
        page.QuerySelectorAll($"table[data-table={chart}] tbody tr").ToDictionary(
            row => row.QuerySelector("th")!.TextContent.Trim(),
            row => row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim()).ToArray());

    private static IElement Decision(IHtmlDocument page, string reference) =>
        page.QuerySelector($"[data-decision='{reference}']") ?? throw new Xunit.Sdk.XunitException($"No decision {reference} on the page");

    private static string Field(IElement element, string name) =>
        element.QuerySelector($"[data-field='{name}']")?.TextContent.Trim() ?? throw new Xunit.Sdk.XunitException($"No [data-field={name}]");
}
