using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Features.Triage.Overview;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Triage;

/// <summary>
/// The staff overview of risk against resources, after a real sign-in: the matrix, the table with the same data, and
/// capacity per inspectorate and year. Tests that need exact seed figures or many rows start a portal of their own.
/// </summary>
public sealed partial class OverviewPageTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{

    [Fact]
    public async Task The_table_and_the_matrix_show_each_assessed_suggestion_with_its_score_band_and_days()
    {
        var marker = Marker();
        var high = await AssessedSuggestionAsync(portal, $"{marker} remand delays", 4, 5, "2022-23", new() { ["hmcpsi"] = 40, ["hmi-probation"] = 60 });
        var sameScoreFewerDays = await AssessedSuggestionAsync(portal, $"{marker} bail hostels", 5, 4, "2022-23", new() { ["hmicfrs"] = 30 });
        var low = await AssessedSuggestionAsync(portal, $"{marker} court signage", 1, 3, "2021-22", new() { ["hmcpsi"] = 5, ["hmi-prisons"] = 7 });
        var unassessed = SubmissionRows.Insert(portal.StartedConnectionString(), new($"{marker} text", Title: $"{marker} not yet assessed"));
        var response = SubmissionRows.Insert(portal.ConnectionString, new($"{marker} a response"));
        // The portal no longer assesses responses; one assessed before that rule is still left out of the overview.
        using (var legacy = portal.OpenDatabase())
        {
            legacy.Execute(
                """
                INSERT INTO assessment (submission_id, likelihood, impact, programme_year, assessed_by, assessed_at, version)
                VALUES (@response, 5, 5, '2021-22', 'someone@example.gov.uk', '2027-01-10T09:00:00.000Z', 1);
                INSERT INTO assessment_days (submission_id, inspectorate_code, days) VALUES (@response, 'hmcpsi', 9);
                """,
                new { response });
        }
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");

        var page = await browser.GetAsync("/triage/overview");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(
            [(high, "20", "Very high", "100", "Being considered"), (sameScoreFewerDays, "20", "Very high", "30", "Being considered"), (low, "3", "Low", "12", "Being considered")],
            TableRows(page.Html).Where(r => r.Title.StartsWith(marker, StringComparison.Ordinal)).Select(r => (r.Reference, r.Score, r.Band, r.Days, r.Status)));
        Assert.Contains(
            $"<a class=\"govuk-link\" href=\"/triage/{high}/assess\">{high}<span class=\"govuk-visually-hidden\">: assess</span></a>",
            Row(page.Html, high),
            StringComparison.Ordinal);
        Assert.Contains("data-field=\"likelihood\">4<", Row(page.Html, high), StringComparison.Ordinal);
        Assert.Contains("data-field=\"impact\">5<", Row(page.Html, high), StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--green\">Low</strong>", Row(page.Html, low), StringComparison.Ordinal);

        var circles = Circles(page.Html);
        Assert.Equal($"{high}: {marker} remand delays. Risk score 20 (very high), 100 inspector-days.", circles[high].Title);
        Assert.Equal($"{low}: {marker} court signage. Risk score 3 (low), 12 inspector-days.", circles[low].Title);
        // Links inside an svg with role="img" are tab stops screen readers cannot see; the table carries them.
        Assert.DoesNotContain("<a ", Svg(page.Html), StringComparison.Ordinal);
        Assert.DoesNotContain(SubmissionReference.Format(unassessed), page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(SubmissionReference.Format(response), page.Html, StringComparison.Ordinal);

        // Every assessed suggestion, whichever test seeded it, is one circle and one row.
        using var connection = portal.OpenDatabase();
        var assessed = connection.Query<long>("SELECT s.id FROM submission s JOIN assessment a ON a.submission_id = s.id WHERE s.kind = 'suggestion'")
            .Select(SubmissionReference.Format).Order().ToList();
        Assert.Equal(assessed, circles.Keys.Order());
        Assert.Equal(assessed, TableRows(page.Html).Select(r => r.Reference).Order());
        Assert.DoesNotContain("data-field=\"none\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_matrix_is_an_image_named_by_its_title_and_description_and_further_right_and_higher_means_more_risk_and_days()
    {
        var marker = Marker();
        var small = await AssessedSuggestionAsync(portal, $"{marker} small", 1, 2, "2021-22", new() { ["hmcpsi"] = 1 });
        var large = await AssessedSuggestionAsync(portal, $"{marker} large", 5, 5, "2021-22", new() { ["hmcpsi"] = 2000, ["hmicfrs"] = 2000 });
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");

        var page = await browser.GetAsync("/triage/overview");

        var svg = Svg(page.Html);
        Assert.Matches("^<svg [^>]*role=\"img\" aria-labelledby=\"risk-matrix-title risk-matrix-desc\"", svg);
        Assert.Contains("<title id=\"risk-matrix-title\">", svg, StringComparison.Ordinal);
        Assert.Matches("<desc id=\"risk-matrix-desc\">[^<]*A table follows with the same data.</desc>", svg);
        Assert.DoesNotContain(" style=", svg, StringComparison.Ordinal);
        foreach (var label in new[] { "Low (1–4)", "Medium (5–9)", "High (10–16)", "Very high (20–25)", "Risk score (likelihood × impact)", "Inspector-days, all inspectorates" })
        {
            Assert.Contains($">{label}</text>", WebUtility.HtmlDecode(svg), StringComparison.Ordinal);
        }

        // The largest total is at least 4,000 now, so the days axis tops out at a round 4,000 or more.
        var (max, _) = RiskMatrixChart.Axis(TableRows(page.Html).Max(r => int.Parse(r.Days.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(max >= 4000);
        Assert.Contains($">{max.ToString("N0", Invariant)}</text>", svg, StringComparison.Ordinal);
        var circles = Circles(page.Html);
        Assert.True(circles[large].X > circles[small].X);
        Assert.True(circles[large].Y < circles[small].Y);
    }

    [Fact]
    public async Task Suggestions_with_the_same_score_and_days_do_not_hide_each_other()
    {
        var marker = Marker();
        var days = new Dictionary<string, int> { ["hmi-prisons"] = 333 };
        var twins = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            twins.Add(await AssessedSuggestionAsync(portal, $"{marker} twin {i}", 3, 3, "2022-23", days));
        }

        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");

        var circles = Circles((await browser.GetAsync("/triage/overview")).Html);

        var places = twins.Select(t => (circles[t].X, circles[t].Y)).ToList();
        Assert.Equal(3, places.Distinct().Count());
        Assert.All(places.SelectMany(a => places.Where(b => b != a), (a, b) => Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2))), d => Assert.True(d >= 4, $"centres {d} apart"));
    }

    [Fact]
    public async Task A_script_in_a_title_is_shown_as_text_in_the_matrix_and_the_table()
    {
        var marker = Marker();
        var reference = await AssessedSuggestionAsync(portal, $"<script>alert('{marker}')</script> & more", 2, 2, "2021-22", new() { ["hmcpsi"] = 3 });
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");

        var page = await browser.GetAsync("/triage/overview");

        var encoded = $"&lt;script&gt;alert(&#x27;{marker}&#x27;)&lt;/script&gt; &amp; more";
        Assert.Contains($"<title>{reference}: {encoded}. Risk score 4 (low), 3 inspector-days.</title>", page.Html, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"govuk-table__cell\" data-field=\"title\">{encoded}</td>", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"<script>alert('{marker}", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capacity_shows_what_is_available_committed_left_and_waiting_for_a_decision_as_the_database_has_it()
    {
        var marker = Marker();
        await AssessedSuggestionAsync(portal, $"{marker} pending", 2, 3, "2021-22", new() { ["hmi-probation"] = 25 });
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");

        var page = await browser.GetAsync("/triage/overview");

        using var connection = portal.OpenDatabase();
        foreach (var year in new[] { "2021-22", "2022-23" })
        {
            foreach (var code in new[] { "hmicfrs", "hmcpsi", "hmi-probation", "hmi-prisons" })
            {
                var available = connection.ExecuteScalar<long>(
                    "SELECT available_days FROM inspectorate_capacity WHERE inspectorate_code = @code AND programme_year = @year", new { code, year });
                var committed = connection.ExecuteScalar<long>(
                    """
                    SELECT coalesce(sum(d.days), 0) FROM workstream_days d JOIN workstream w ON w.id = d.workstream_id
                     WHERE d.inspectorate_code = @code AND d.programme_year = @year AND w.withdrawn_at IS NULL
                    """,
                    new { code, year });
                var pending = connection.ExecuteScalar<long>(
                    """
                    SELECT coalesce(sum(d.days), 0) FROM assessment_days d JOIN assessment a ON a.submission_id = d.submission_id
                      JOIN submission s ON s.id = d.submission_id
                     WHERE d.inspectorate_code = @code AND a.programme_year = @year AND s.kind = 'suggestion'
                       AND s.id NOT IN (SELECT submission_id FROM decision)
                    """,
                    new { code, year });
                Assert.Equal(
                    (available.ToString("N0", Invariant), committed.ToString("N0", Invariant), (available - committed).ToString("N0", Invariant), pending.ToString("N0", Invariant)),
                    CapacityRow(page.Html, year, code));
            }
        }

        Assert.NotEqual("0", CapacityRow(page.Html, "2021-22", "hmi-probation").Pending);
    }

    [Fact]
    public async Task On_a_new_database_capacity_is_the_seeded_figures_and_accepting_a_suggestion_moves_its_days_to_committed()
    {
        using var fresh = new PortalWithDevIdentity();
        using var browser = await fresh.SignedInAsync(Staff.Secretariat, "/triage/overview");

        var empty = await browser.GetAsync("/triage/overview");

        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Contains("<p class=\"govuk-body\" data-field=\"none\">No suggestions have been assessed yet.</p>", empty.Html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"app-risk-matrix\" role=\"img\"", empty.Html, StringComparison.Ordinal);
        Assert.Empty(Circles(empty.Html));
        Assert.DoesNotContain("data-field=\"suggestions\"", empty.Html, StringComparison.Ordinal);
        Assert.Contains(">100</text>", Svg(empty.Html), StringComparison.Ordinal);
        Assert.Equal(("250", "120", "130", "0"), CapacityRow(empty.Html, "2021-22", "hmcpsi"));
        Assert.Equal(("900", "300", "600", "0"), CapacityRow(empty.Html, "2021-22", "hmicfrs"));
        Assert.Equal(("600", "390", "210", "0"), CapacityRow(empty.Html, "2021-22", "hmi-probation"));
        Assert.Equal(("500", "270", "230", "0"), CapacityRow(empty.Html, "2021-22", "hmi-prisons"));
        Assert.Equal(("950", "90", "860", "0"), CapacityRow(empty.Html, "2022-23", "hmicfrs"));
        Assert.Equal(("260", "30", "230", "0"), CapacityRow(empty.Html, "2022-23", "hmcpsi"));
        Assert.Equal(("620", "90", "530", "0"), CapacityRow(empty.Html, "2022-23", "hmi-probation"));
        Assert.Equal(("520", "30", "490", "0"), CapacityRow(empty.Html, "2022-23", "hmi-prisons"));
        Assert.DoesNotContain("Over capacity", empty.Html, StringComparison.Ordinal);

        var reference = await AssessedSuggestionAsync(fresh, "Witness care units", 4, 4, "2021-22", new() { ["hmcpsi"] = 200, ["hmicfrs"] = 10 }, "Ministers asked for it");
        var assessed = await browser.GetAsync("/triage/overview");
        Assert.Equal(("250", "120", "130", "200"), CapacityRow(assessed.Html, "2021-22", "hmcpsi"));
        Assert.Equal(("260", "30", "230", "0"), CapacityRow(assessed.Html, "2022-23", "hmcpsi"));
        Assert.DoesNotContain("Over capacity", assessed.Html, StringComparison.Ordinal);

        await AcceptAsync(fresh, reference, "2021-22", "Ministers asked for it");
        var accepted = await browser.GetAsync("/triage/overview");

        Assert.Equal(("250", "320", "-70", "0"), CapacityRow(accepted.Html, "2021-22", "hmcpsi"));
        Assert.Equal(("900", "310", "590", "0"), CapacityRow(accepted.Html, "2021-22", "hmicfrs"));
        Assert.Single(OverCapacityTag().Matches(accepted.Html));
        Assert.Matches(OverCapacityTag(), CapacityRowHtml(accepted.Html, "2021-22", "hmcpsi"));
        Assert.Equal("Accepted", TableRows(accepted.Html).Single(r => r.Reference == reference).Status);
    }

    [Fact]
    public async Task Past_the_500_highest_risk_the_page_says_how_many_more_there_are()
    {
        using var fresh = new PortalWithDevIdentity();
        var ids = SubmissionRows.InsertMany(
            fresh.StartedConnectionString(),
            Enumerable.Range(0, RiskResourcesReader.Shown + 5).Select(i => new SubmissionRow($"Text {i}", Title: $"Topic {i}")));
        using (var connection = fresh.OpenDatabase())
        {
            // The first five score 1 and so are the ones left out; the rest score 2 to 25.
            connection.Execute(
                """
                INSERT INTO assessment (submission_id, likelihood, impact, programme_year, assessed_by, assessed_at, version)
                VALUES (@id, @likelihood, @impact, '2021-22', 'test', '2027-01-10T09:00:00.000Z', 1)
                """,
                ids.Select((id, i) => new { id, likelihood = i < 5 ? 1 : 1 + (i % 5), impact = i < 5 ? 1 : 2 + (i % 4) }));
            connection.Execute(
                "INSERT INTO assessment_days (submission_id, inspectorate_code, days) VALUES (@id, 'hmcpsi', @days)",
                ids.Select((id, i) => new { id, days = i % 17 }));
        }

        using var browser = await fresh.SignedInAsync(Staff.Secretariat, "/triage/overview");

        var page = await browser.GetAsync("/triage/overview");

        Assert.Contains(
            "The chart and the table show the 500 highest-risk suggestions. 5 more assessed suggestions are not shown.",
            page.Html,
            StringComparison.Ordinal);
        var rows = TableRows(page.Html);
        Assert.Equal(RiskResourcesReader.Shown, rows.Count);
        Assert.Equal(RiskResourcesReader.Shown, Circles(page.Html).Count);
        Assert.DoesNotContain(rows, r => ids.Take(5).Select(SubmissionReference.Format).Contains(r.Reference));
        var order = rows.Select(r => (Score: int.Parse(r.Score, Invariant), Days: int.Parse(r.Days, Invariant))).ToList();
        Assert.Equal(order.OrderByDescending(r => r.Score).ThenByDescending(r => r.Days), order);
    }

    [Fact]
    public async Task Anonymous_people_are_sent_to_sign_in_and_stakeholders_are_refused()
    {
        using var anonymous = portal.NewBrowser();
        var page = await anonymous.GetAsync("/triage/overview");
        Assert.Contains(page.Trail, address => address.AbsolutePath == "/account/sign-in");
        Assert.DoesNotContain("Risk and resources", page.Html, StringComparison.Ordinal);

        using var stakeholder = portal.NewBrowser();
        await stakeholder.AsDemoPersonAsync("stakeholder", "sam.okafor@victims-voice.example", "/");
        var refused = await stakeholder.GetAsync("/triage/overview");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.DoesNotContain("app-risk-matrix", refused.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_the_overview_without_assessment_links_they_could_not_use()
    {
        var reference = await AssessedSuggestionAsync(portal, $"{Marker()} for the admin", 3, 4, "2022-23", new() { ["hmicfrs"] = 8 });
        using var browser = portal.NewBrowser();

        var page = await browser.AsDemoPersonAsync("staff", Staff.Admin, "/triage/overview");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(reference, Row(page.Html, reference), StringComparison.Ordinal);
        Assert.Contains(reference, Circles(page.Html).Keys);
        Assert.DoesNotContain("/assess\"", page.Html, StringComparison.Ordinal);
    }

    // Reads SQLite's EXPLAIN QUERY PLAN.
    [Fact]
    [Trait("Database", "sqlite-only")]
    public async Task The_list_is_read_from_the_risk_index_from_the_top_down_sorting_only_within_a_score()
    {
        await using var connection = new SqliteConnection(portal.StartedConnectionString());
        if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM submission WHERE kind = 'suggestion'") < 2000)
        {
            // Enough rows that the planner's choice is not an accident of an empty table.
            SubmissionRows.InsertMany(portal.ConnectionString, Enumerable.Range(0, 2000).Select(i => new SubmissionRow($"Text {i}", Title: $"Plan topic {i}")));
        }

        var plan = (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
            "EXPLAIN QUERY PLAN " + RiskResourcesReader.ListSql, new { take = RiskResourcesReader.Shown + 1 })).Select(step => step.Detail).ToList();

        Assert.Contains("SEARCH s USING INDEX submission_kind_risk (kind=? AND risk_score>?)", plan);
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 100, 20)]
    [InlineData(1, 5, 1)]
    [InlineData(7, 8, 2)]
    [InlineData(100, 100, 20)]
    [InlineData(101, 150, 50)]
    [InlineData(120, 150, 50)]
    [InlineData(8000, 8000, 2000)]
    [InlineData(7999, 8000, 2000)]
    public void The_days_axis_runs_to_a_round_number_in_at_most_five_steps(int largest, int max, int step)
    {
        Assert.Equal((max, step), RiskMatrixChart.Axis(largest));
    }

    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    private static string Marker() => "m" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<string> AssessedSuggestionAsync(
        PortalWithDevIdentity portal, string title, int likelihood, int impact, string year, Dictionary<string, int> days, string? overCapacityReason = null)
    {
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), new("What it should look at.", Title: title));
        await SaveAssessmentAsync(portal, id, likelihood, impact, year, days, overCapacityReason);
        return SubmissionReference.Format(id);
    }

    private static async Task SaveAssessmentAsync(
        PortalWithDevIdentity portal, long id, int likelihood, int impact, string year, Dictionary<string, int> days, string? overCapacityReason = null)
    {
        var store = portal.Services.GetRequiredService<AssessmentStore>();
        var saved = await store.SaveAsync(
            id, $"submission:{SubmissionReference.Format(id)}", new AssessmentInput(likelihood, impact, year, days, overCapacityReason), 0, Staff.Secretariat, CancellationToken.None);
        Assert.Equal(1, saved.SavedVersion);
    }

    private static async Task AcceptAsync(PortalWithDevIdentity portal, string reference, string year, string? overCapacityReason)
    {
        var programme = await portal.Services.GetRequiredService<ProgrammeReader>().ReadAsync(CancellationToken.None);
        var (decision, errors) = DecisionRules.Check(
            new DecisionRequest(
                Version: 0,
                Outcome: DecisionOutcome.Accept,
                Rationale: "High risk, and HMCPSI can lead it.",
                Workstream: new ProposedWorkstream("Witness care", "How witness care units support witnesses.", "hmcpsi", ["hmicfrs"], [], ["bringing-offenders-to-justice"], year, "inspection"),
                OverCapacityReason: overCapacityReason),
            "suggestion",
            DecisionChoices.From(programme));
        Assert.Empty(errors);
        Assert.True(SubmissionReference.TryParse(reference, out var id));
        var result = await portal.Services.GetRequiredService<DecisionStore>().DecideAsync(id, decision!, Staff.ProsecutionChiefInspector, "hmcpsi", portal.BaseAddress, CancellationToken.None);
        Assert.Equal(1, Assert.IsType<DecisionResult.Saved>(result).Decision.Version);
        // HMICFRS supports it, so its days are committed once its chief inspector agrees too.
        Assert.Equal(Agreement.Agreed, (await Agreements.AgreeAllAsync(portal, id)).Agreement);
    }


    private static string Svg(string html)
    {
        var start = html.IndexOf("<svg class=\"app-risk-matrix\"", StringComparison.Ordinal);
        return html[start..(html.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length)];
    }

    private static Dictionary<string, (double X, double Y, string Title)> Circles(string html) =>
        Circle().Matches(Svg(html)).ToDictionary(
            m => m.Groups["reference"].Value,
            m => (double.Parse(m.Groups["x"].Value, Invariant), double.Parse(m.Groups["y"].Value, Invariant), WebUtility.HtmlDecode(m.Groups["title"].Value)));

    private static List<(string Reference, string Title, string Score, string Band, string Days, string Status)> TableRows(string html)
    {
        var start = html.IndexOf("data-field=\"suggestions\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        var table = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        return TableRow().Matches(table).Select(m =>
        {
            string Field(string name) => WebUtility.HtmlDecode(Regex.Match(m.Value, $"data-field=\"{name}\">(.*?)</td>", RegexOptions.Singleline).Groups[1].Value.Trim());
            var band = Regex.Match(m.Value, "data-field=\"band\"><strong class=\"[^\"]*\">([^<]*)</strong>").Groups[1].Value;
            return (m.Groups["reference"].Value, Field("title"), Field("score"), band, Field("days"), Field("status"));
        }).ToList();
    }

    private static string Row(string html, string reference)
    {
        var start = html.IndexOf($"<tr class=\"govuk-table__row\" data-reference=\"{reference}\"", StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static string CapacityRowHtml(string html, string year, string code)
    {
        var table = html.IndexOf($"data-capacity-year=\"{year}\"", StringComparison.Ordinal);
        var start = html.IndexOf($"data-inspectorate=\"{code}\"", table, StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static (string Available, string Committed, string Left, string Pending) CapacityRow(string html, string year, string code)
    {
        var row = CapacityRowHtml(html, year, code);
        string Field(string name) => Regex.Match(row, $"data-field=\"{name}\">([^<]*)<").Groups[1].Value.Trim();
        return (Field("available"), Field("committed"), Regex.Match(row, "<span data-value>([^<]*)</span>").Groups[1].Value, Field("pending"));
    }

    [GeneratedRegex("<circle cx=\"(?<x>[^\"]+)\" cy=\"(?<y>[^\"]+)\" [^>]*data-reference=\"(?<reference>JI-\\d+)\"><title>(?<title>[^<]*)</title></circle>")]
    private static partial Regex Circle();

    [GeneratedRegex("<tr class=\"govuk-table__row\" data-reference=\"(?<reference>JI-\\d+)\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRow();

    [GeneratedRegex("<strong class=\"govuk-tag govuk-tag--red app-over-capacity-tag\">Over capacity</strong>")]
    private static partial Regex OverCapacityTag();
}
