using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using JointInspection.Tests.Triage;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Manage;

/// <summary>
/// The secretariat moves work that needs no one else's agreement to the round's other programme year
/// (/manage/rounds/{round}/workstreams/{slug}/programme-year), after a real sign-in: the page shows what the move would
/// leave, as the overview's scenario does, and saves nothing until confirmed; the save is audited and listed for the
/// public; a year outside the round, a missing reason and going over capacity without one are refused with nothing
/// written; a joint proposal is its lead's chief inspector's to move. Each test has a portal of its own, as they move the
/// seeded work. Seeded: girls-in-custody is in 2021–22 with 60 HMI Prisons and 30 HMI Probation days; in 2022–23 HMI
/// Prisons has 520 available and 30 committed, HMI Probation 620 and 90.
/// </summary>
public sealed class MoveToYearTests : IDisposable
{
    private const string Round = "2021-23";
    private const string Girls = "girls-in-custody";
    private const string GirlsTitle = "Service provision for girls in custody and on post-release supervision";

    private readonly PortalWithDevIdentity portal = new();

    private static string Path(string slug, string to = "2022-23") => $"{PortalPaths.MoveWorkstreamToYear(Round, slug)}?to={to}";

    [Fact]
    public async Task The_secretariat_sees_what_a_move_would_leave_then_moves_the_work_with_its_days_audited_and_listed_for_the_public()
    {
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");
        var scenario = await secretariat.GetAsync($"/triage/overview?move={Girls}");
        Assert.Contains($"href=\"{PortalPaths.MoveWorkstreamToYear(Round, Girls)}?to=2022-23\" data-action=\"move-year\">Move it to 2022–23", Decoded(scenario), StringComparison.Ordinal);

        var check = await secretariat.GetAsync(Path(Girls));

        Assert.Equal(HttpStatusCode.OK, check.Status);
        Assert.Contains($"<h1 class=\"govuk-heading-l\">Move “{GirlsTitle}” to 2022–23</h1>", Decoded(check), StringComparison.Ordinal);
        // The same figures the overview's scenario shows for the same move.
        foreach (var (year, code) in new[] { ("2021-22", "hmi-prisons"), ("2021-22", "hmi-probation"), ("2022-23", "hmi-prisons"), ("2022-23", "hmi-probation") })
        {
            Assert.Equal(CapacityTables.Scenario(scenario.Html, year, code), CapacityTables.Scenario(check.Html, year, code));
        }

        Assert.Equal(new ScenarioRow("520", "30", "0", "+60", "0", "430", null), CapacityTables.Scenario(check.Html, "2022-23", "hmi-prisons"));
        Assert.Contains("name=\"reason\"", check.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"overCapacityReason\"", check.Html, StringComparison.Ordinal);
        Assert.Equal("2021-22", Year(Girls));

        var refused = await secretariat.SubmitAsync(check, check.FindForm("data-move-to-year")!);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("<li><a href=\"#reason\">Say why this is changing: the public will read it beside the change</a></li>", refused.Html, StringComparison.Ordinal);
        Assert.Equal("2021-22", Year(Girls));

        var done = await secretariat.SubmitAsync(refused, refused.FindForm("data-move-to-year")!, null, ("reason", "Fieldwork waits for the new regime."));

        Assert.Equal(PortalPaths.ManageRound(Round), done.Address.AbsolutePath);
        Assert.Contains($"“{GirlsTitle}” was moved to 2022–23, with its 90 inspector-days", Decoded(done), StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        Assert.Equal("2022-23", Year(Girls));
        Assert.Equal(
            [("hmi-prisons", "2022-23", 60L), ("hmi-probation", "2022-23", 30L)],
            connection.Query<(string, string, long)>(
                "SELECT inspectorate_code, programme_year, days FROM workstream_days WHERE workstream_id = (SELECT id FROM workstream WHERE slug = @Girls) ORDER BY 1",
                new { Girls }).ToList());
        var audit = connection.QuerySingle<(string Actor, string Before, string After)>(
            "SELECT actor, before, after FROM audit_log WHERE action = 'workstream.edit' AND subject = @subject", new { subject = $"workstream:{Round}/{Girls}" });
        Assert.Equal(Staff.Secretariat, audit.Actor);
        Assert.Contains("\"ProgrammeYear\":\"2021-22\"", audit.Before, StringComparison.Ordinal);
        Assert.Contains("\"ProgrammeYear\":\"2022-23\"", audit.After, StringComparison.Ordinal);
        Assert.Equal(
            ("edited", "Programme year changed from 2021–22 to 2022–23.", "Fieldwork waits for the new regime."),
            connection.QuerySingle<(string, string, string)>("SELECT kind, what, why FROM workstream_change WHERE workstream_id = (SELECT id FROM workstream WHERE slug = @Girls)", new { Girls }));

        // What the page said the move would leave is what the overview now shows.
        var overview = await secretariat.GetAsync("/triage/overview");
        Assert.Equal(new CapacityRow("520", "90", "0", "430"), CapacityTables.Overview(overview.Html, "2022-23", "hmi-prisons"));
        Assert.Equal(CapacityTables.Scenario(check.Html, "2021-22", "hmi-prisons").Left, CapacityTables.Overview(overview.Html, "2021-22", "hmi-prisons").Left);
        using var anonymous = new HttpClient { BaseAddress = portal.BaseAddress };
        Assert.Contains("Fieldwork waits for the new regime.", WebUtility.HtmlDecode(await anonymous.GetStringAsync(PortalPaths.Programme(Round))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Going_over_capacity_in_the_new_year_needs_a_reason_on_record()
    {
        using (var connection = portal.OpenDatabase())
        {
            connection.Execute("UPDATE inspectorate_capacity SET available_days = 50 WHERE programme_year = '2022-23' AND inspectorate_code = 'hmi-prisons'");
        }

        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");
        var check = await secretariat.GetAsync(Path(Girls));

        Assert.Equal(new ScenarioRow("50", "30", "0", "+60", "0", "-40", "Over by 40"), CapacityTables.Scenario(check.Html, "2022-23", "hmi-prisons"));
        Assert.Contains("Moving 1 workstream would take HMI Prisons over its 2022–23 capacity by 40 inspector-days.", Decoded(check), StringComparison.Ordinal);
        Assert.Contains("name=\"overCapacityReason\"", check.Html, StringComparison.Ordinal);

        var refused = await secretariat.SubmitAsync(check, check.FindForm("data-move-to-year")!, null, ("reason", "Fieldwork waits."));

        Assert.Contains("<li><a href=\"#overCapacityReason\">This would take an inspectorate over its capacity: give the reason it should go ahead anyway</a></li>", refused.Html, StringComparison.Ordinal);
        Assert.Contains("Fieldwork waits.</textarea>", refused.Html, StringComparison.Ordinal);
        Assert.Equal("2021-22", Year(Girls));

        var done = await secretariat.SubmitAsync(refused, refused.FindForm("data-move-to-year")!, null, ("reason", "Fieldwork waits."), ("overCapacityReason", "HMI Prisons will borrow inspectors."));

        Assert.Equal(PortalPaths.ManageRound(Round), done.Address.AbsolutePath);
        Assert.Equal("2022-23", Year(Girls));
        using var connection2 = portal.OpenDatabase();
        Assert.Contains(
            "\"overCapacityReason\":\"HMI Prisons will borrow inspectors.\"",
            connection2.ExecuteScalar<string>("SELECT after FROM audit_log WHERE action = 'workstream.edit' AND subject = @subject", new { subject = $"workstream:{Round}/{Girls}" }),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_year_outside_the_round_or_the_year_it_is_in_is_refused_naming_the_year_it_can_move_to()
    {
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");

        var outside = await secretariat.GetAsync(Path(Girls, "2030-31"));
        var same = await secretariat.GetAsync(Path(Girls, "2021-22"));

        Assert.Equal(HttpStatusCode.BadRequest, outside.Status);
        Assert.StartsWith("Error: ", Title(outside), StringComparison.Ordinal);
        Assert.Contains(
            "<li><a href=\"#to\">2030–31 is not a programme year of the 2021–23 round: move it to 2022–23 (sent as 2022-23), the round's other year</a></li>",
            Decoded(outside),
            StringComparison.Ordinal);
        // The page offers the move to the year it can go to.
        Assert.Equal("2022-23", outside.FindForm("data-move-to-year")!.HiddenFields.Single(f => f.Key == "to").Value);
        Assert.Equal(HttpStatusCode.BadRequest, same.Status);
        Assert.Contains("It is in 2021–22 already: move it to 2022–23, the round's other year", Decoded(same), StringComparison.Ordinal);

        // Sent anyway, as a form made for another round might: refused, with nothing written.
        var good = await secretariat.GetAsync(Path(Girls));
        var posted = await secretariat.SubmitAsync(good, good.FindForm("data-move-to-year")!, null, ("to", "2030-31"), ("reason", "Later."));

        Assert.Contains("2030–31 is not a programme year of the 2021–23 round", Decoded(posted), StringComparison.Ordinal);
        Assert.Contains("Later.</textarea>", posted.Html, StringComparison.Ordinal);
        Assert.Equal("2021-22", Year(Girls));
        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action LIKE 'workstream.%'"));
    }

    [Fact]
    public async Task Work_running_throughout_the_round_has_no_other_year_to_move_to()
    {
        string slug;
        using (var connection = portal.OpenDatabase())
        {
            slug = connection.ExecuteScalar<string>("SELECT slug FROM workstream WHERE programme_year IS NULL AND withdrawn_at IS NULL ORDER BY id LIMIT 1")!;
        }

        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");
        var page = await secretariat.GetAsync(Path(slug));
        var posted = await PostAsync(secretariat, await secretariat.GetAsync(PortalPaths.ManageRound(Round)), Path(slug), ("to", "2022-23"), ("reason", "Why not."));

        Assert.Null(page.FindForm("data-move-to-year"));
        Assert.Contains("runs throughout 2021–23, so it has no other programme year to move to: to give it one, change the workstream", Decoded(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, posted.Status);
        Assert.Null(Year(slug));
    }

    [Fact]
    public async Task A_proposal_one_inspectorate_takes_part_in_is_moved_by_the_secretariat_its_days_staying_committed()
    {
        var id = TriageSteps.Suggestion(portal, "Witness care units", "hmcpsi", "hmcpsi");
        await TriageSteps.AssessAsync(portal, id, "2021-22", new() { ["hmcpsi"] = 25 });
        var decision = await TriageSteps.AcceptAsync(portal, id, "Witness care units", "2021-22", "hmcpsi", []);
        Assert.Null(decision.Agreement);
        var slug = decision.WorkstreamSlug!;
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");
        var check = await secretariat.GetAsync(Path(slug));
        Assert.Equal(new ScenarioRow("260", "30", "0", "+25", "0", "205", null), CapacityTables.Scenario(check.Html, "2022-23", "hmcpsi"));

        await secretariat.SubmitAsync(check, check.FindForm("data-move-to-year")!, null, ("reason", "HMCPSI has the days later."));

        Assert.Equal("2022-23", Year(slug));
        var overview = await secretariat.GetAsync("/triage/overview");
        Assert.Equal(new CapacityRow("260", "55", "0", "205"), CapacityTables.Overview(overview.Html, "2022-23", "hmcpsi"));
        Assert.Equal(new CapacityRow("250", "120", "0", "130"), CapacityTables.Overview(overview.Html, "2021-22", "hmcpsi"));
        // Its decision stands as it was: the move was the secretariat's edit of the programme.
        Assert.Equal(1, (await portal.Services.GetRequiredService<DecisionStore>().CurrentAsync(id, CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task A_joint_proposal_is_its_leads_chief_inspectors_to_move_and_the_secretariats_edit_keeps_its_year_and_who_takes_part()
    {
        var id = TriageSteps.Suggestion(portal, "Segregation units", "hmi-prisons", "hmi-prisons", "hmi-probation");
        await TriageSteps.AssessAsync(portal, id, "2021-22", new() { ["hmi-prisons"] = 50, ["hmi-probation"] = 20 });
        var decision = await TriageSteps.AcceptAsync(portal, id, "Segregation units", "2021-22", "hmi-prisons", ["hmi-probation"]);
        var slug = decision.WorkstreamSlug!;
        var reference = SubmissionReference.Format(id);
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");

        var scenario = await secretariat.GetAsync($"/triage/overview?move={slug}");
        var page = await secretariat.GetAsync(Path(slug));
        var posted = await PostAsync(secretariat, await secretariat.GetAsync(PortalPaths.ManageRound(Round)), Path(slug), ("to", "2022-23"), ("reason", "Why not."));

        Assert.DoesNotContain("data-action=\"move-year\"", scenario.Html, StringComparison.Ordinal);
        Assert.Contains($"The chief inspector of HMI Prisons, which leads it, can move it by revising the decision on {reference}; HMI Probation would be asked to agree again.", Decoded(scenario), StringComparison.Ordinal);
        var refusal = $"“Segregation units” is a joint proposal from {reference}: the chief inspector of HMI Prisons, which leads it, moves it by revising the decision, and the other inspectorates taking part agree again";
        Assert.Contains(refusal, Decoded(page), StringComparison.Ordinal);
        Assert.Contains($"href=\"{PortalPaths.MoveProposal(reference)}?to=2022-23\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, posted.Status);
        Assert.Contains(refusal, Decoded(posted), StringComparison.Ordinal);
        Assert.Equal("2021-22", Year(slug));

        // The edit form keeps the year and who takes part; the rest of the proposal is the secretariat's to word.
        var form = await secretariat.GetAsync(PortalPaths.ManageWorkstream(Round, slug));
        (string, string)[] fields =
        [
            ("title", "Segregation units"), ("summary", "What Segregation units looks at."), ("lead", "hmi-prisons"), ("supporting", "hmi-probation"),
            ("areasOfFocus", "custodial-conditions"), ("programmeYear", "2021-22"), ("kind", "inspection"), ("status", "proposed"), ("reason", "Clearer."),
        ];
        var moved = await PostAsync(secretariat, form, PortalPaths.ManageWorkstream(Round, slug), [.. Replace(fields, ("programmeYear", "2022-23")), ("version", Version(form))]);
        var regrouped = await PostAsync(secretariat, form, PortalPaths.ManageWorkstream(Round, slug), [.. Replace(fields, ("supporting", "hmcpsi")), ("version", Version(form))]);
        var retitled = await PostAsync(secretariat, form, PortalPaths.ManageWorkstream(Round, slug), [.. Replace(fields, ("title", "Segregation units in prisons")), ("version", Version(form))]);

        Assert.Contains(
            $"<li><a href=\"#programmeYear\">Keep 2021–22: “Segregation units” is a joint proposal from {reference}, so the chief inspector of HMI Prisons, which leads it, moves it to another year by revising its decision, and the other inspectorates taking part agree again</a></li>",
            Decoded(moved),
            StringComparison.Ordinal);
        Assert.Contains(
            $"<li><a href=\"#supporting\">Keep HMI Probation supporting: “Segregation units” is a joint proposal from {reference}, so who takes part changes only by revising its decision, which every inspectorate taking part agrees</a></li>",
            Decoded(regrouped),
            StringComparison.Ordinal);
        Assert.Equal(PortalPaths.ManageRound(Round), retitled.Address.AbsolutePath);
        using var connection = portal.OpenDatabase();
        Assert.Equal(("Segregation units in prisons", "2021-22"), connection.QuerySingle<(string, string)>("SELECT title, programme_year FROM workstream WHERE slug = @slug", new { slug }));
        Assert.Equal(
            ["hmi-prisons", "hmi-probation"],
            connection.Query<string>("SELECT inspectorate_code FROM workstream_participant WHERE workstream_id = (SELECT id FROM workstream WHERE slug = @slug) ORDER BY 1", new { slug }));
    }

    [Theory]
    [InlineData("chief inspector")]
    [InlineData("admin")]
    public async Task Only_the_secretariat_may_move_work_here(string who)
    {
        var email = who == "admin" ? Staff.Admin : Staff.PrisonsChiefInspector;
        using var browser = await portal.SignedInAsync(email, "/manage");

        var page = await browser.GetAsync(Path(Girls));
        var posted = await browser.PostFormAsync(Path(Girls), [KeyValuePair.Create("to", "2022-23"), KeyValuePair.Create("reason", "Because.")]);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.NotEqual(HttpStatusCode.OK, posted.Status);
        Assert.Equal("2021-22", Year(Girls));
    }

    public void Dispose() => portal.Dispose();

    private string? Year(string slug)
    {
        using var connection = portal.OpenDatabase();
        return connection.ExecuteScalar<string?>("SELECT programme_year FROM workstream WHERE slug = @slug AND round_id = (SELECT min(id) FROM programme_round)", new { slug });
    }

    private static Task<WebPage> PostAsync(TestBrowser browser, WebPage page, string path, params (string Name, string Value)[] fields)
    {
        var token = Regex.Match(page.Html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        var values = fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).ToList();
        if (token.Success)
        {
            values.Add(KeyValuePair.Create("__RequestVerificationToken", token.Groups[1].Value));
        }

        return browser.PostFormAsync(path, values);
    }

    private static (string, string)[] Replace((string, string)[] fields, params (string Name, string Value)[] replacements) =>
        [.. fields.Where(f => !replacements.Any(r => r.Name == f.Item1)), .. replacements];

    private static string Version(WebPage form) => Regex.Match(form.Html, "name=\"version\" value=\"([^\"]*)\"").Groups[1].Value;

    private static string Decoded(WebPage page) => WebUtility.HtmlDecode(page.Html);

    private static string Title(WebPage page) => WebUtility.HtmlDecode(Regex.Match(page.Html, "<title>([^<]*)</title>").Groups[1].Value);
}
