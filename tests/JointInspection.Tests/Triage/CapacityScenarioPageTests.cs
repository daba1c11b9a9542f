using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Features.Triage.Decisions;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Triage;

/// <summary>
/// "What if we accepted…" on the overview, after a real sign-in: ticking suggestions and workstreams shows what they
/// would leave, and nothing is saved. No test in this class makes a decision on its portal, so its committed days stay the
/// seeded ones (2021–22: HMI Prisons 500 available, 270 committed; HMI Probation 600 and 390; 2022–23: HMI Prisons 520 and 30).
/// </summary>
public sealed partial class CapacityScenarioPageTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    [Fact]
    public async Task Ticking_two_suggestions_shows_what_each_inspectorate_would_have_left_and_who_would_go_over()
    {
        var marker = Marker();
        // Names prisons (lead) and probation; its 50 HMCPSI days are not drawn, as HMCPSI would not take part.
        var named = await AssessedSuggestionAsync($"{marker} named", "2021-22", new() { ["hmi-prisons"] = 150, ["hmi-probation"] = 20, ["hmcpsi"] = 50 }, "hmi-prisons", ["hmi-prisons", "hmi-probation"]);
        // Names no one, so all of its days count.
        var unnamed = await AssessedSuggestionAsync($"{marker} unnamed", "2021-22", new() { ["hmi-prisons"] = 120 }, null, []);
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");

        var overview = await browser.GetAsync("/triage/overview");
        Assert.Equal(HttpStatusCode.OK, overview.Status);
        Assert.Matches("<form method=\"get\" action=\"/triage/overview#scenario\" novalidate data-scenario-form>", overview.Html);
        Assert.Equal([KeyValuePair.Create("round", "2021-23")], overview.FindForm("data-scenario-form")!.HiddenFields);
        Assert.Contains(named, CheckboxValues(overview.Html, "accept"));
        Assert.Contains(unnamed, CheckboxValues(overview.Html, "accept"));
        Assert.Contains($"{named}: {marker} named", overview.Html, StringComparison.Ordinal);
        Assert.Contains(
            "Risk score 16 (high). Assessed for 2021–22: 220 inspector-days (HMCPSI 50, HMI Probation 20, HMI Prisons 150). Accepting it draws 170 of them: those of the inspectorates it names.",
            WebUtility.HtmlDecode(overview.Html),
            StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"scenario\"", overview.Html, StringComparison.Ordinal);

        var page = await browser.GetAsync($"/triage/overview?round=2021-23&accept={named}&accept={unnamed}&scenario=show");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        // The named one takes two inspectorates, so its days would be provisional until both agree; the other commits its days.
        Assert.Equal(("500", "270", "0", "+120", "+150", "-40", "Over by 40"), ScenarioRow(page.Html, "2021-22", "hmi-prisons"));
        Assert.Equal(("600", "390", "0", "0", "+20", "190", null), ScenarioRow(page.Html, "2021-22", "hmi-probation"));
        Assert.Equal(("250", "120", "0", "0", "0", "130", null), ScenarioRow(page.Html, "2021-22", "hmcpsi"));
        Assert.Equal(("520", "30", "0", "0", "0", "490", null), ScenarioRow(page.Html, "2022-23", "hmi-prisons"));
        Assert.Single(OverBy().Matches(page.Html));
        Assert.Contains(
            "<span class=\"govuk-visually-hidden\">Warning</span> Accepting these 2 would take HMI Prisons over its 2021–22 capacity by 40 inspector-days.</strong>",
            WebUtility.HtmlDecode(page.Html),
            StringComparison.Ordinal);
        // The boxes come back ticked, so the scenario can be changed and shown again.
        Assert.Equal([named, unnamed], CheckedValues(page.Html, "accept").Order());
        Assert.Contains("<caption class=\"govuk-table__caption govuk-table__caption--m\">2021–22 with this scenario (inspector-days)</caption>", WebUtility.HtmlDecode(page.Html), StringComparison.Ordinal);

        var one = await browser.GetAsync($"/triage/overview?accept={unnamed}");
        Assert.Equal(("500", "270", "0", "+120", "0", "110", null), ScenarioRow(one.Html, "2021-22", "hmi-prisons"));
        Assert.Contains($"Everyone stays within capacity after accepting {unnamed}.", one.Html, StringComparison.Ordinal);
        Assert.Empty(OverBy().Matches(one.Html));
    }

    [Fact]
    public async Task Moving_a_workstream_shows_its_days_leaving_its_year_and_arriving_in_the_other()
    {
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");

        var overview = await browser.GetAsync("/triage/overview");

        // Every workstream still in the round with a programme year and all its days in it is offered, and no other.
        using (var connection = portal.OpenDatabase())
        {
            var movable = connection.Query<string>(
                """
                SELECT w.slug FROM workstream w JOIN workstream_days d ON d.workstream_id = w.id
                 WHERE w.withdrawn_at IS NULL AND w.round_id = (SELECT min(id) FROM programme_round)
                 GROUP BY w.id, w.slug HAVING count(*) FILTER (WHERE d.programme_year IS DISTINCT FROM w.programme_year) = 0
                """).Order().ToList();
            Assert.NotEmpty(movable);
            Assert.Equal(movable, CheckboxValues(overview.Html, "move").Order());
        }

        Assert.Contains("Agreed. 90 inspector-days (HMI Probation 30, HMI Prisons 60) in 2021–22; would move to 2022–23.", WebUtility.HtmlDecode(overview.Html), StringComparison.Ordinal);

        var page = await browser.GetAsync("/triage/overview?round=2021-23&move=girls-in-custody&scenario=show");

        // The plan's own work needs no one else's agreement to move: its days stay committed.
        Assert.Equal(("500", "270", "0", "−60", "0", "290", null), ScenarioRow(page.Html, "2021-22", "hmi-prisons"));
        Assert.Equal(("600", "390", "0", "−30", "0", "240", null), ScenarioRow(page.Html, "2021-22", "hmi-probation"));
        Assert.Equal(("520", "30", "0", "+60", "0", "430", null), ScenarioRow(page.Html, "2022-23", "hmi-prisons"));
        Assert.Equal(("620", "90", "0", "+30", "0", "500", null), ScenarioRow(page.Html, "2022-23", "hmi-probation"));
        Assert.Equal(("260", "30", "0", "0", "0", "230", null), ScenarioRow(page.Html, "2022-23", "hmcpsi"));
        Assert.Contains("moves Service provision for girls in custody and on post-release supervision from 2021–22 to 2022–23, with its 90 inspector-days", WebUtility.HtmlDecode(page.Html), StringComparison.Ordinal);
        Assert.Equal(["girls-in-custody"], CheckedValues(page.Html, "move"));
    }

    [Fact]
    public async Task Showing_scenarios_writes_nothing_to_the_database()
    {
        var reference = await AssessedSuggestionAsync($"{Marker()} unchanged", "2022-23", new() { ["hmicfrs"] = 2000, ["hmcpsi"] = 300 }, "hmicfrs", ["hmicfrs"]);
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");
        var before = Dump();

        var shown = await browser.GetAsync($"/triage/overview?accept={reference}&move=rape&move=youth-violence&scenario=show");
        var refused = await browser.GetAsync("/triage/overview?accept=JI-999999&scenario=show");

        Assert.Contains("Over by", shown.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(before, Dump());
    }

    [Fact]
    public async Task An_unknown_or_already_decided_reference_is_named_in_an_error_and_nothing_is_computed()
    {
        var pending = await AssessedSuggestionAsync($"{Marker()} pending", "2021-22", new() { ["hmi-prisons"] = 10 }, "hmi-prisons", []);
        var decided = await AssessedSuggestionAsync($"{Marker()} decided", "2021-22", new() { ["hmi-prisons"] = 10 }, "hmi-prisons", []);
        await DeclineAsync(decided);
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");

        var page = await browser.GetAsync($"/triage/overview?round=2021-23&accept=JI-999999&accept={pending}&move=no-such-work&scenario=show");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.StartsWith("Error: Risk and resources", Title(page.Html), StringComparison.Ordinal);
        Assert.Contains("<h2 class=\"govuk-error-summary__title\">There is a problem</h2>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#accept\">JI-999999 is not an assessed suggestion of this round awaiting a decision: untick it</a></li>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#move\">‘no-such-work’ is not a workstream of this round with inspector-days in one programme year: untick it</a></li>", WebUtility.HtmlDecode(page.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"scenario\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-scenario-year", page.Html, StringComparison.Ordinal);
        // The unknown one is shown ticked, first, where the error links to, so it can be unticked; what was known stays ticked.
        Assert.Matches("<input class=\"govuk-checkboxes__input\" id=\"accept\" name=\"accept\" type=\"checkbox\" value=\"JI-999999\" checked=\"checked\"", page.Html);
        Assert.Equal(["JI-999999", pending], CheckedValues(page.Html, "accept"));
        Assert.Equal(["no-such-work"], CheckedValues(page.Html, "move"));

        var decidedPage = await browser.GetAsync($"/triage/overview?accept={decided}");
        Assert.Equal(HttpStatusCode.BadRequest, decidedPage.Status);
        Assert.Contains($"{decided} is not an assessed suggestion of this round awaiting a decision: untick it", decidedPage.Html, StringComparison.Ordinal);

        var nothing = await browser.GetAsync("/triage/overview?round=2021-23&scenario=show");
        Assert.Equal(HttpStatusCode.BadRequest, nothing.Status);
        Assert.Contains("<li><a href=\"#accept\">Select a suggestion to accept or a workstream to move</a></li>", nothing.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proposed_workstream_from_an_accepted_suggestion_can_be_moved_too_and_work_with_days_in_both_years_cannot()
    {
        using var fresh = new PortalWithDevIdentity();
        var id = SubmissionRows.Insert(fresh.StartedConnectionString(), new("Text.", Title: "Witness care units", Lead: "hmcpsi", Inspectorates: ["hmcpsi"]));
        await SaveAssessmentAsync(fresh, id, "2021-22", new() { ["hmcpsi"] = 100, ["hmicfrs"] = 40 });
        await AcceptAsync(fresh, id, "2021-22");
        using (var connection = fresh.OpenDatabase())
        {
            // Mental health (2021–22) now has days in 2022–23 as well, so there is no one other year to move it to.
            connection.Execute(
                "INSERT INTO workstream_days (workstream_id, inspectorate_code, programme_year, days) SELECT id, 'hmi-prisons', '2022-23', 5 FROM workstream WHERE slug = 'mental-health'");
        }

        using var browser = await fresh.SignedInAsync(Staff.Secretariat, "/triage/overview");

        var overview = await browser.GetAsync("/triage/overview");
        var slug = fresh.OpenDatabase().ExecuteScalar<string>("SELECT slug FROM workstream WHERE origin_submission_id = @id", new { id })!;
        Assert.Contains(slug, CheckboxValues(overview.Html, "move"));
        Assert.Contains("rape", CheckboxValues(overview.Html, "move"));
        Assert.DoesNotContain("mental-health", CheckboxValues(overview.Html, "move"));
        Assert.DoesNotContain(SubmissionReference.Format(id), CheckboxValues(overview.Html, "accept"));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/triage/overview?move=mental-health")).Status);

        var page = await browser.GetAsync($"/triage/overview?move={slug}");

        // The decision drew 100 HMCPSI and 40 HMICFRS days in 2021–22, held provisionally while HMICFRS has still to agree;
        // moved, they would be provisional in 2022–23 instead.
        Assert.Equal(("250", "120", "100", "0", "−100", "130", null), ScenarioRow(page.Html, "2021-22", "hmcpsi"));
        Assert.Equal(("900", "300", "40", "0", "−40", "600", null), ScenarioRow(page.Html, "2021-22", "hmicfrs"));
        Assert.Equal(("260", "30", "0", "0", "+100", "130", null), ScenarioRow(page.Html, "2022-23", "hmcpsi"));
        Assert.Contains(
            "Proposed, awaiting agreement, so its days are provisional. 140 inspector-days (HMICFRS 40, HMCPSI 100) in 2021–22; would move to 2022–23, its days provisional there until every inspectorate taking part agrees again.",
            WebUtility.HtmlDecode(overview.Html),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_people_asking_for_a_scenario_are_sent_to_sign_in()
    {
        using var anonymous = portal.NewBrowser();

        var page = await anonymous.GetAsync("/triage/overview?accept=JI-000001&move=rape&scenario=show");

        Assert.Contains(page.Trail, address => address.AbsolutePath == "/account/sign-in");
        Assert.DoesNotContain("What if we accepted", page.Html, StringComparison.Ordinal);
    }

    private static string Marker() => "m" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Every table a scenario could touch, row by row in a fixed order.</summary>
    private string Dump()
    {
        using var connection = portal.OpenDatabase();
        var tables = new[]
        {
            "SELECT * FROM workstream_days ORDER BY workstream_id, inspectorate_code, programme_year",
            "SELECT * FROM workstream ORDER BY id",
            "SELECT * FROM decision ORDER BY id",
            "SELECT * FROM assessment ORDER BY submission_id",
            "SELECT * FROM assessment_days ORDER BY submission_id, inspectorate_code",
            "SELECT * FROM submission ORDER BY id",
            "SELECT * FROM audit_log ORDER BY id",
            "SELECT * FROM inspectorate_capacity ORDER BY inspectorate_code, programme_year",
        };
        return string.Join("\n", tables.Select(sql => sql + "\n" + string.Join("\n", connection.Query(sql).Select(row =>
            string.Join("|", ((IDictionary<string, object?>)row).Select(c => $"{c.Key}={c.Value}"))))));
    }

    private async Task<string> AssessedSuggestionAsync(string title, string year, Dictionary<string, int> days, string? lead, string[] inspectorates)
    {
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), new("What it should look at.", Title: title, Lead: lead, Inspectorates: inspectorates));
        await SaveAssessmentAsync(portal, id, year, days);
        return SubmissionReference.Format(id);
    }

    private static async Task SaveAssessmentAsync(PortalWithDevIdentity portal, long id, string year, Dictionary<string, int> days)
    {
        var saved = await portal.Services.GetRequiredService<AssessmentStore>().SaveAsync(
            id, $"submission:{SubmissionReference.Format(id)}", new AssessmentInput(4, 4, year, days, "For the test"), 0, Staff.Secretariat, CancellationToken.None);
        Assert.Equal(1, saved.SavedVersion);
    }

    private async Task DeclineAsync(string reference)
    {
        Assert.True(SubmissionReference.TryParse(reference, out var id));
        await DecideAsync(portal, id, new DecisionRequest(0, DecisionOutcome.Decline, "Not now."));
    }

    private static Task AcceptAsync(PortalWithDevIdentity portal, long id, string year) => DecideAsync(portal, id, new DecisionRequest(
        0,
        DecisionOutcome.Accept,
        "HMCPSI can lead it.",
        new ProposedWorkstream("Witness care", "How witness care units support witnesses.", "hmcpsi", ["hmicfrs"], [], ["bringing-offenders-to-justice"], year, "inspection"),
        OverCapacityReason: "For the test"));

    private static async Task DecideAsync(PortalWithDevIdentity portal, long id, DecisionRequest request)
    {
        var programme = await portal.Services.GetRequiredService<ProgrammeReader>().ReadAsync(CancellationToken.None);
        var (decision, errors) = DecisionRules.Check(request, "suggestion", DecisionChoices.From(programme));
        Assert.Empty(errors);
        var result = await portal.Services.GetRequiredService<DecisionStore>().DecideAsync(id, decision!, Staff.ProsecutionChiefInspector, "hmcpsi", portal.BaseAddress, CancellationToken.None);
        Assert.IsType<DecisionResult.Saved>(result);
    }

    private static string Title(string html) => WebUtility.HtmlDecode(Regex.Match(html, "<title>([^<]*)</title>").Groups[1].Value);

    private static List<string> CheckboxValues(string html, string name) =>
        Checkbox().Matches(html).Where(m => m.Groups["name"].Value == name).Select(m => WebUtility.HtmlDecode(m.Groups["value"].Value)).ToList();

    private static List<string> CheckedValues(string html, string name) =>
        Checkbox().Matches(html).Where(m => m.Groups["name"].Value == name && m.Groups["checked"].Success).Select(m => WebUtility.HtmlDecode(m.Groups["value"].Value)).ToList();

    private static (string Available, string Committed, string Provisional, string CommittedChange, string ProvisionalChange, string Left, string? Over) ScenarioRow(
        string html, string year, string code)
    {
        var row = CapacityTables.Scenario(html, year, code);
        return (row.Available, row.Committed, row.Provisional, row.CommittedChange, row.ProvisionalChange, row.Left, row.Over);
    }

    [GeneratedRegex("<input class=\"govuk-checkboxes__input\" id=\"[^\"]*\" name=\"(?<name>[^\"]*)\" type=\"checkbox\" value=\"(?<value>[^\"]*)\"(?<checked> checked=\"checked\")?")]
    private static partial Regex Checkbox();

    [GeneratedRegex("<strong class=\"govuk-tag govuk-tag--red app-over-capacity-tag\" data-field=\"over\">Over by [0-9,]+</strong>")]
    private static partial Regex OverBy();
}
