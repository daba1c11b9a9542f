using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Triage;

/// <summary>
/// The lead's chief inspector moves a joint proposal to the round's other programme year (/triage/{reference}/move),
/// after a real sign-in: the page shows what the move would leave and saves nothing; proposing it revises the decision,
/// so it awaits the other inspectorates' agreement again with its days provisional in the new year, and reaches the
/// respondent only once agreed. Anyone else, a stale page, a year outside the round and missing reasons are refused
/// with nothing written. Each test has a portal of its own. Seeded: HMI Prisons has 500 available and 270 committed in
/// 2021–22, 520 and 30 in 2022–23; HMI Probation 600 and 390, 620 and 90.
/// </summary>
public sealed class ProposalMoveTests : IDisposable
{
    private const string Title = "Segregation units";

    private readonly PortalWithDevIdentity portal = new();

    [Fact]
    public async Task The_lead_chief_inspector_sees_the_effect_then_proposes_the_move_and_the_others_agree_again_before_the_respondent_hears()
    {
        var (id, reference, slug) = await JointProposalAsync(agreed: true);
        Assert.Equal(1, OutcomeEmails(id));
        using var charlie = await portal.SignedInAsync(Staff.PrisonsChiefInspector, "/triage/overview");
        var scenario = await charlie.GetAsync($"/triage/overview?move={slug}");
        Assert.Contains(
            "Proposed and agreed. 70 inspector-days (HMI Probation 20, HMI Prisons 50) in 2021–22; would move to 2022–23, its days provisional there until every inspectorate taking part agrees again.",
            Decoded(scenario),
            StringComparison.Ordinal);
        Assert.Contains($"href=\"{PortalPaths.MoveProposal(reference)}?to=2022-23\" data-action=\"move-year\">Move it to 2022–23", Decoded(scenario), StringComparison.Ordinal);

        var check = await charlie.GetAsync($"{PortalPaths.MoveProposal(reference)}?to=2022-23");

        Assert.Equal(HttpStatusCode.OK, check.Status);
        Assert.Contains($"<h1 class=\"govuk-heading-l\">Move “{Title}” to 2022–23</h1>", Decoded(check), StringComparison.Ordinal);
        // Agreed, its days are committed where they are; moved, they would be provisional until HMI Probation agrees again.
        Assert.Equal(new ScenarioRow("500", "320", "0", "−50", "0", "230", null), CapacityTables.Scenario(check.Html, "2021-22", "hmi-prisons"));
        Assert.Equal(new ScenarioRow("520", "30", "0", "0", "+50", "440", null), CapacityTables.Scenario(check.Html, "2022-23", "hmi-prisons"));
        Assert.Equal(new ScenarioRow("620", "90", "0", "0", "+20", "510", null), CapacityTables.Scenario(check.Html, "2022-23", "hmi-probation"));
        foreach (var (year, code) in new[] { ("2021-22", "hmi-prisons"), ("2022-23", "hmi-prisons"), ("2022-23", "hmi-probation") })
        {
            Assert.Equal(CapacityTables.Scenario(scenario.Html, year, code), CapacityTables.Scenario(check.Html, year, code));
        }

        Assert.Contains("HMI Probation will be asked to agree again, and its inspector-days are provisional in 2022–23 until they do.", Decoded(check), StringComparison.Ordinal);
        Assert.Contains(">It is needed.</textarea>", check.Html, StringComparison.Ordinal);
        Assert.Equal(1, CurrentVersion(id));

        // First the revised decision's email, as the respondent will get it once HMI Probation agrees; nothing is written yet.
        var preview = await charlie.SubmitAsync(check, check.FindForm("data-move-proposal")!, null, ("rationale", "It is needed, once the new regime has settled."));

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal("pat@example.org", Field(preview, "preview-to"));
        Assert.Contains("It is needed, once the new regime has settled.", Field(preview, "preview-body"), StringComparison.Ordinal);
        Assert.Contains("It will be sent once HMI Probation has agreed the move", Decoded(preview), StringComparison.Ordinal);
        Assert.Equal(1, CurrentVersion(id));

        var done = await charlie.SubmitAsync(preview, preview.FindForm("data-move-confirm")!, null, ("confirm", "yes"));

        Assert.Equal("/triage/overview", done.Address.AbsolutePath);
        Assert.Contains(
            $"The move of “{Title}” to 2022–23 is proposed. It awaits the agreement of HMI Probation; until then its days are provisional in 2022–23.",
            Decoded(done),
            StringComparison.Ordinal);
        Assert.Equal(new CapacityRow("520", "30", "50", "440"), CapacityTables.Overview(done.Html, "2022-23", "hmi-prisons"));
        Assert.Equal(new CapacityRow("500", "270", "0", "230"), CapacityTables.Overview(done.Html, "2021-22", "hmi-prisons"));
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(
                (2L, Agreement.Awaiting, "It is needed, once the new regime has settled.", SubmissionStatus.AwaitingAgreement),
                connection.QuerySingle<(long, string, string, string)>(
                    """
                    SELECT d.version, d.agreement, d.rationale, s.status FROM decision d JOIN submission s ON s.id = d.submission_id
                     WHERE d.submission_id = @id ORDER BY d.version DESC LIMIT 1
                    """,
                    new { id }));
            Assert.Equal(
                [("hmi-prisons", "2022-23", 50L), ("hmi-probation", "2022-23", 20L)],
                connection.Query<(string, string, long)>(
                    "SELECT inspectorate_code, programme_year, days FROM workstream_days WHERE workstream_id = (SELECT id FROM workstream WHERE slug = @slug) ORDER BY 1",
                    new { slug }).ToList());
            Assert.Equal("2022-23", connection.ExecuteScalar<string>("SELECT programme_year FROM workstream WHERE slug = @slug", new { slug }));
            Assert.Equal(
                [("hmi-prisons", "agree"), ("hmi-probation", null)],
                connection.Query<(string, string?)>(
                    "SELECT inspectorate_code, response FROM decision_agreement WHERE decision_id = (SELECT id FROM decision WHERE submission_id = @id AND version = 2) ORDER BY is_lead DESC",
                    new { id }).ToList());
            Assert.Equal(
                Staff.PrisonsChiefInspector,
                connection.ExecuteScalar<string>("SELECT actor FROM audit_log WHERE action = 'decision.save' AND subject = @subject ORDER BY id DESC LIMIT 1", new { subject = $"submission:{reference}" }));
        }

        // Nothing reaches the respondent while the move awaits agreement; once HMI Probation agrees, the revised decision does.
        Assert.Equal(1, OutcomeEmails(id));
        await Agreements.AgreeAllAsync(portal, id);
        Assert.Equal(2, OutcomeEmails(id));
        var after = await charlie.GetAsync("/triage/overview");
        Assert.Equal(new CapacityRow("520", "80", "0", "440"), CapacityTables.Overview(after.Html, "2022-23", "hmi-prisons"));
    }

    [Fact]
    public async Task Only_the_leads_chief_inspector_may_move_it_and_the_secretariat_is_kept_out_by_policy()
    {
        var (id, reference, slug) = await JointProposalAsync(agreed: false);
        using var justin = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage/overview");
        // A form of Justin's own, for a token his session accepts.
        var decidePage = await justin.GetAsync(PortalPaths.Decide(reference));

        var scenario = await justin.GetAsync($"/triage/overview?move={slug}");
        var page = await justin.GetAsync(PortalPaths.MoveProposal(reference));
        var posted = await PostAsync(justin, decidePage, PortalPaths.MoveProposal(reference), ("version", "1"), ("to", "2022-23"), ("rationale", "Later."));

        Assert.DoesNotContain("data-action=\"move-year\"", scenario.Html, StringComparison.Ordinal);
        Assert.Contains($"The chief inspector of HMI Prisons, which leads it, can move it by revising the decision on {reference}; HMI Probation would be asked to agree again.", Decoded(scenario), StringComparison.Ordinal);
        var refusal = $"Only the chief inspector of HMI Prisons, which leads “{Title}”, can move it: the other inspectorates taking part agree the move once it is proposed";
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains(refusal, Decoded(page), StringComparison.Ordinal);
        Assert.Null(page.FindForm("data-move-proposal"));
        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        Assert.Contains(refusal, Decoded(posted), StringComparison.Ordinal);
        Assert.Equal(1, CurrentVersion(id));

        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage/overview");
        Assert.Equal(HttpStatusCode.Forbidden, (await secretariat.GetAsync(PortalPaths.MoveProposal(reference))).Status);
        Assert.Equal(1, CurrentVersion(id));
    }

    [Fact]
    public async Task A_move_proposed_from_a_page_whose_decision_has_since_changed_is_refused_keeping_what_was_typed()
    {
        var (id, reference, _) = await JointProposalAsync(agreed: false);
        using var charlie = await portal.SignedInAsync(Staff.PrisonsChiefInspector, "/triage/overview");
        var stale = await charlie.GetAsync(PortalPaths.MoveProposal(reference));
        await TriageSteps.AcceptAsync(portal, id, Title, "2021-22", "hmi-prisons", ["hmi-probation"], version: 1, rationale: "Revised.");

        var refused = await charlie.SubmitAsync(stale, stale.FindForm("data-move-proposal")!, null, ("rationale", "My reasons for moving it."));

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains($"The decision on {reference} changed after you opened this page (it is now version 2", refused.Html, StringComparison.Ordinal);
        Assert.Contains(">My reasons for moving it.</textarea>", refused.Html, StringComparison.Ordinal);
        Assert.Equal("2", refused.FindForm("data-move-proposal")!.HiddenFields.Single(f => f.Key == "version").Value);
        Assert.Equal(2, CurrentVersion(id));
        using var connection = portal.OpenDatabase();
        Assert.Equal("2021-22", connection.ExecuteScalar<string>("SELECT programme_year FROM workstream WHERE origin_submission_id = @id", new { id }));

        // Proposed again knowingly, it revises the decision now current.
        var moved = await ProposeAsync(charlie, refused, ("rationale", "My reasons for moving it."));
        Assert.Equal("/triage/overview", moved.Address.AbsolutePath);
        Assert.Equal(3, CurrentVersion(id));
    }

    [Fact]
    public async Task A_year_outside_the_round_missing_reasons_and_going_over_capacity_without_a_reason_are_refused_with_nothing_written()
    {
        var (id, reference, _) = await JointProposalAsync(agreed: true);
        using (var connection = portal.OpenDatabase())
        {
            connection.Execute("UPDATE inspectorate_capacity SET available_days = 60 WHERE programme_year = '2022-23' AND inspectorate_code = 'hmi-prisons'");
        }

        using var charlie = await portal.SignedInAsync(Staff.PrisonsChiefInspector, "/triage/overview");
        var outside = await charlie.GetAsync($"{PortalPaths.MoveProposal(reference)}?to=2030-31");
        var check = await charlie.GetAsync(PortalPaths.MoveProposal(reference));
        var form = check.FindForm("data-move-proposal")!;

        var badYear = await charlie.SubmitAsync(check, form, null, ("to", "2030-31"), ("rationale", "Later."), ("overCapacityReason", "Borrowing."));
        var noReasons = await charlie.SubmitAsync(check, form, null, ("rationale", " "), ("overCapacityReason", "Borrowing."));
        var over = await charlie.SubmitAsync(check, form, null, ("rationale", "Later."));

        Assert.Equal(HttpStatusCode.BadRequest, outside.Status);
        Assert.Contains(
            "<li><a href=\"#to\">2030–31 is not a programme year of the 2021–23 round: move it to 2022–23 (sent as 2022-23), the round's other year</a></li>",
            Decoded(outside),
            StringComparison.Ordinal);
        Assert.Equal("2022-23", outside.FindForm("data-move-proposal")!.HiddenFields.Single(f => f.Key == "to").Value);
        // 60 available, 30 committed: 50 more takes HMI Prisons over by 20, so the page asks why.
        Assert.Equal(new ScenarioRow("60", "30", "0", "0", "+50", "-20", "Over by 20"), CapacityTables.Scenario(check.Html, "2022-23", "hmi-prisons"));
        Assert.Contains("name=\"overCapacityReason\"", check.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badYear.Status);
        Assert.Contains("2030–31 is not a programme year of the 2021–23 round", Decoded(badYear), StringComparison.Ordinal);
        Assert.Contains(">Later.</textarea>", badYear.Html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#rationale\">Give the reasons for the decision: the respondent will read them</a></li>", noReasons.Html, StringComparison.Ordinal);
        Assert.Contains(">Borrowing.</textarea>", noReasons.Html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#overCapacityReason\">This would take an inspectorate over its capacity: give the reason it should go ahead anyway</a></li>", over.Html, StringComparison.Ordinal);
        Assert.Equal(1, CurrentVersion(id));
        using var check2 = portal.OpenDatabase();
        Assert.Equal(1, check2.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'decision.save' AND subject = @subject", new { subject = $"submission:{reference}" }));

        var done = await ProposeAsync(charlie, over, ("rationale", "Later."), ("overCapacityReason", "Borrowing."));
        Assert.Equal("/triage/overview", done.Address.AbsolutePath);
        Assert.Equal("Borrowing.", check2.ExecuteScalar<string>("SELECT over_capacity_reason FROM decision WHERE submission_id = @id AND version = 2", new { id }));
    }

    [Fact]
    public async Task A_proposal_needing_no_one_elses_agreement_or_with_an_objection_is_not_moved_here()
    {
        var single = TriageSteps.Suggestion(portal, "Witness care units", "hmcpsi", "hmcpsi");
        await TriageSteps.AssessAsync(portal, single, "2021-22", new() { ["hmcpsi"] = 25 });
        await TriageSteps.AcceptAsync(portal, single, "Witness care units", "2021-22", "hmcpsi", []);
        var (objected, objectedReference, _) = await JointProposalAsync(agreed: false);
        var answer = await portal.Services.GetRequiredService<DecisionStore>().RespondAsync(
            objected, new AgreementRequest(1, Agreement.Objects, "Not this year."), Staff.ProbationChiefInspector, "hmi-probation", portal.BaseAddress, CancellationToken.None);
        Assert.IsType<DecisionResult.Saved>(answer);
        using var andrew = await portal.SignedInAsync(Staff.ProsecutionChiefInspector, "/triage/overview");
        using var charlie = await portal.SignedInAsync(Staff.PrisonsChiefInspector, "/triage/overview");

        var singlePage = await andrew.GetAsync(PortalPaths.MoveProposal(SubmissionReference.Format(single)));
        var objectedPage = await charlie.GetAsync(PortalPaths.MoveProposal(objectedReference));
        var overview = await charlie.GetAsync("/triage/overview");

        Assert.Equal(HttpStatusCode.Conflict, singlePage.Status);
        Assert.Contains("“Witness care units” needed no one else's agreement, so the secretariat moves it to the other programme year in the draft programme", Decoded(singlePage), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, objectedPage.Status);
        Assert.Contains($"The decision on {objectedReference} has an objection: its lead's chief inspector proposes it again on its decision page, in whichever year it should be", Decoded(objectedPage), StringComparison.Ordinal);
        // An objected proposal holds no days, so the scenario has nothing of it to move.
        Assert.DoesNotContain($"value=\"segregation-units-{objectedReference.ToLowerInvariant()}\"", overview.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Through_the_api_the_lead_revises_the_decisions_programme_year_and_the_days_are_provisional_there_until_agreed()
    {
        var (id, reference, _) = await JointProposalAsync(agreed: true);
        using var charlie = await portal.SignedInAsync(Staff.PrisonsChiefInspector, "/triage/overview");
        var body = new
        {
            version = 1,
            outcome = "accept",
            rationale = "Later, once the new regime has settled.",
            workstream = new
            {
                title = Title,
                summary = $"What {Title} looks at.",
                lead = "hmi-prisons",
                supporting = new[] { "hmi-probation" },
                areasOfFocus = new[] { "custodial-conditions" },
                programmeYear = "2022-23",
                kind = "inspection",
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/submissions/{reference}/decision") { Content = JsonContent.Create(body) };
        using var response = await charlie.SendAsync(request);
        var decision = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, "awaiting"), (decision.GetProperty("version").GetInt32(), decision.GetProperty("agreement").GetString()));
        var overview = await charlie.GetAsync("/triage/overview");
        Assert.Equal(new CapacityRow("520", "30", "50", "440"), CapacityTables.Overview(overview.Html, "2022-23", "hmi-prisons"));
        Assert.Equal(new CapacityRow("500", "270", "0", "230"), CapacityTables.Overview(overview.Html, "2021-22", "hmi-prisons"));

        // A year outside the round is a ProblemDetails naming the years it can be.
        using var outside = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/submissions/{reference}/decision")
        {
            Content = JsonContent.Create(body with { version = 2, workstream = body.workstream with { programmeYear = "2030-31" } }),
        };
        using var refused = await charlie.SendAsync(outside);
        var problem = JsonSerializer.Deserialize<JsonElement>(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Select the programme year: 2021–22 or 2022–23", problem.GetProperty("errors").GetProperty("workstream.programmeYear")[0].GetString());
        Assert.Equal(2, CurrentVersion(id));
    }

    public void Dispose() => portal.Dispose();

    /// <summary>Segregation units: HMI Prisons leads and HMI Probation supports, with 50 and 20 days in 2021–22; agreed by both, or awaiting HMI Probation.</summary>
    private async Task<(long Id, string Reference, string Slug)> JointProposalAsync(bool agreed)
    {
        var id = TriageSteps.Suggestion(portal, Title, "hmi-prisons", "hmi-prisons", "hmi-probation");
        await TriageSteps.AssessAsync(portal, id, "2021-22", new() { ["hmi-prisons"] = 50, ["hmi-probation"] = 20 });
        var decision = await TriageSteps.AcceptAsync(portal, id, Title, "2021-22", "hmi-prisons", ["hmi-probation"]);
        if (agreed)
        {
            await Agreements.AgreeAllAsync(portal, id);
        }

        return (id, SubmissionReference.Format(id), decision.WorkstreamSlug!);
    }

    private long CurrentVersion(long id)
    {
        using var connection = portal.OpenDatabase();
        return connection.ExecuteScalar<long>("SELECT max(version) FROM decision WHERE submission_id = @id", new { id });
    }

    private long OutcomeEmails(long id)
    {
        using var connection = portal.OpenDatabase();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM outbox_message WHERE submission_id = @id", new { id });
    }

    /// <summary>Sends the move's form, checks the email it previews, then proposes the move from the preview's own button.</summary>
    private static async Task<WebPage> ProposeAsync(TestBrowser browser, WebPage page, params (string Name, string Value)[] fields)
    {
        var preview = await browser.SubmitAsync(page, page.FindForm("data-move-proposal")!, null, fields);
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        return await browser.SubmitAsync(preview, preview.FindForm("data-move-confirm")!, null, ("confirm", "yes"));
    }

    private static string Field(WebPage page, string name) =>
        WebUtility.HtmlDecode(Regex.Match(page.Html, $"data-field=\"{name}\">([^<]*)<").Groups[1].Value);

    private static Task<WebPage> PostAsync(TestBrowser browser, WebPage page, string path, params (string Name, string Value)[] fields)
    {
        var token = Regex.Match(page.Html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(token.Success, "No antiforgery token on the page");
        return browser.PostFormAsync(path, [.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), KeyValuePair.Create("__RequestVerificationToken", token.Groups[1].Value)]);
    }

    private static string Decoded(WebPage page) => WebUtility.HtmlDecode(Regex.Replace(page.Html, @"\s+", " "));
}
