using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using JointInspection.Tests.Triage;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Similarity;
using JointInspection.Web.Features.Submissions;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Similarity;

/// <summary>
/// Campaigns and copies found in the background and put to a person, through the real runner and a real sign-in:
/// nothing is grouped until confirmed, splitting and dissolving are kept to (and undone), and a confirmed group's
/// members are acted on at once through the queue's pages. Each test writes its own campaign, of words drawn at random,
/// so the tests' campaigns are never like one another.
/// </summary>
public sealed partial class GroupingTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    [Fact]
    public async Task Copies_and_a_templates_edited_copies_arrive_and_one_group_is_proposed_without_the_unrelated_one()
    {
        var campaign = Campaign();
        var copies = Insert(campaign.Copy(), campaign.Copy(), campaign.Copy().ToUpperInvariant() + "!!", campaign.Edited("Dear inspectors,", "Yours, Sam from Wrenford."), campaign.Edited("I agree with this.", ""));
        var unrelated = Insert(Campaign().Copy())[0];

        await AnalysedAsync();

        using var connection = portal.OpenDatabase();
        var groups = connection.Query<(long Group, long Submission, string Tier, string State)>(
            $"SELECT group_id, submission_id, tier, state FROM similarity_group_member WHERE submission_id IN ({string.Join(",", copies.Append(unrelated))}) ORDER BY submission_id").ToList();
        Assert.Equal(copies, groups.Select(g => g.Submission));
        Assert.Single(groups.Select(g => g.Group).Distinct());
        Assert.All(groups, g => Assert.Equal(GroupStates.Proposed, g.State));
        Assert.Contains(groups, g => g.Tier == SimilarityTiers.Template);
        Assert.Contains(groups, g => g.Tier == SimilarityTiers.Identical);

        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");
        var page = await secretariat.GetAsync(PortalPaths(groups[0].Group));
        Assert.Contains("data-field=\"summary\">Campaign: 5 respondents, 3 distinct texts</h1>", page.Html, StringComparison.Ordinal);
        Assert.Contains("5 submissions were put in this group by the portal", page.Html, StringComparison.Ordinal);
        var queue = await secretariat.GetAsync("/triage?assigned=");
        Assert.Matches("data-field=\"groups\">Campaigns and duplicates</a>: [0-9]+ groups? to confirm", queue.Html);
        // Tests in a class run one at a time, so these are the newest submissions, on the queue's first page.
        Assert.Contains($"href=\"/triage/groups/{groups[0].Group}\" data-field=\"group\">In group G-{groups[0].Group}, proposed</a>", queue.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_confirms_then_a_split_off_copy_stays_apart_while_a_new_copy_is_proposed_to_join()
    {
        var campaign = Campaign();
        var copies = Insert(campaign.Copy(), campaign.Copy(), campaign.Edited("Please:", ""));
        await AnalysedAsync();
        var group = GroupOf(copies[0]);
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        var page = await secretariat.GetAsync(PortalPaths(group));
        var confirmed = await secretariat.SubmitAsync(page, page.FindForm("data-confirm-form")!);
        Assert.Contains("data-field=\"done\">Group confirmed: 3 submissions confirmed in it.", confirmed.Html, StringComparison.Ordinal);
        var split = await secretariat.SubmitAsync(confirmed, new HtmlForm(confirmed.FindForm("data-members-form")!.Action + "?handler=split", confirmed.FindForm("data-members-form")!.HiddenFields), null, ("member", SubmissionReference.Format(copies[2])));
        Assert.Contains("data-field=\"done\">1 submission split off the group.", split.Html, StringComparison.Ordinal);

        var late = Insert(campaign.Copy())[0];
        await AnalysedAsync();

        using var connection = portal.OpenDatabase();
        Assert.Equal(
            [(copies[0], "in"), (copies[1], "in"), (copies[2], "split"), (late, "proposed")],
            connection.Query<(long, string)>("SELECT submission_id, state FROM similarity_group_member WHERE group_id = @group ORDER BY submission_id", new { group }));
        Assert.Equal("confirmed", connection.ExecuteScalar<string>("SELECT state FROM similarity_group WHERE id = @group", new { group }));
        Assert.Equal(
            ["group.confirm", "group.split"],
            connection.Query<string>("SELECT action FROM audit_log WHERE subject = @subject ORDER BY id", new { subject = $"submission:{SubmissionReference.Format(copies[2])}" }));
        var timeline = Timeline.Of(await secretariat.GetAsync($"/triage/{SubmissionReference.Format(copies[0])}"));
        Assert.Contains(($"Confirmed in group G-{group} (campaign)", "Priya Shah"), timeline.Select(e => (e.What, e.Who)));
    }

    [Fact]
    public async Task A_dissolved_group_takes_no_new_copies_until_it_is_restored()
    {
        var campaign = Campaign();
        var copies = Insert(campaign.Copy(), campaign.Copy());
        await AnalysedAsync();
        var group = GroupOf(copies[0]);
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");

        var page = await chief.GetAsync(PortalPaths(group));
        var dissolved = await chief.SubmitAsync(page, page.FindForm("data-dissolve-form")!);
        var late = Insert(campaign.Copy())[0];
        await AnalysedAsync();
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM similarity_group_member WHERE submission_id = @late", new { late }));
        }

        var restored = await chief.SubmitAsync(dissolved, dissolved.FindForm("data-restore-form")!);

        Assert.Contains("Group dissolved.", dissolved.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"done\">Group restored, to be confirmed again.", restored.Html, StringComparison.Ordinal);
        Assert.NotNull(restored.FindForm("data-confirm-form"));
    }

    [Fact]
    public async Task A_confirmed_groups_members_go_together_to_the_decision_on_several()
    {
        var campaign = Campaign();
        var copies = Insert(campaign.Copy(), campaign.Copy(), campaign.Copy());
        await AnalysedAsync();
        var group = GroupOf(copies[0]);
        using var chief = await portal.SignedInAsync(Staff.ProsecutionChiefInspector, "/triage");
        var page = await chief.GetAsync(PortalPaths(group));
        await chief.SubmitAsync(page, page.FindForm("data-confirm-form")!);

        page = await chief.GetAsync(PortalPaths(group));
        var decide = Regex.Match(page.Html, "formaction=\"(/triage/decide-several)\">Decide on all 3</button>");
        Assert.True(decide.Success, "No decision button for the confirmed group");
        var selected = Regex.Matches(page.Html, "<input type=\"hidden\" name=\"selected\" value=\"([^\"]+)\">").Select(m => m.Groups[1].Value).ToList();
        var several = await chief.GetAsync("/triage/decide-several?" + string.Join("&", selected.Select(v => "selected=" + Uri.EscapeDataString(v))));

        Assert.Equal(copies.Select(id => $"{SubmissionReference.Format(id)}:0"), selected);
        Assert.Equal(HttpStatusCode.OK, several.Status);
        // Each is listed, ticked, to be decided on.
        Assert.All(copies, id => Assert.Matches($"value=\"{SubmissionReference.Format(id)}:0\" checked=\"checked\"", several.Html));
    }

    [Fact]
    public async Task A_group_larger_than_one_bulk_decision_is_acted_on_in_parts_each_of_which_the_decision_page_takes()
    {
        var campaign = Campaign();
        var copies = Insert([.. Enumerable.Range(0, Web.Features.Triage.Decisions.BulkDecisionRules.MaxSubmissions + 5).Select(_ => campaign.Copy())]);
        await AnalysedAsync();
        var group = GroupOf(copies[0]);
        using var chief = await portal.SignedInAsync(Staff.ProsecutionChiefInspector, "/triage");
        var page = await chief.GetAsync(PortalPaths(group));
        await chief.SubmitAsync(page, page.FindForm("data-confirm-form")!);

        page = await chief.GetAsync(PortalPaths(group));
        var parts = Regex.Matches(page.Html, "<form method=\"get\" novalidate data-act-on-group=\"\\d+\">(.*?)</form>", RegexOptions.Singleline)
            .Select(part => Regex.Matches(part.Groups[1].Value, "name=\"selected\" value=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList())
            .ToList();
        var second = await chief.GetAsync("/triage/decide-several?" + string.Join("&", parts[1].Select(v => "selected=" + Uri.EscapeDataString(v))));

        Assert.Contains("A group this large is acted on in 2 parts of up to 200 submissions.", page.Html, StringComparison.Ordinal);
        Assert.Equal([200, 5], parts.Select(p => p.Count));
        Assert.Equal(copies.Select(id => $"{SubmissionReference.Format(id)}:0"), parts.SelectMany(p => p));
        Assert.Contains("formaction=\"/triage/decide-several\">Decide on 201 to 205</button>", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.All(copies.Skip(200), id => Assert.Matches($"value=\"{SubmissionReference.Format(id)}:0\" checked=\"checked\"", second.Html));
    }

    [Fact]
    public async Task Splitting_with_nothing_ticked_says_so_and_links_to_the_first_checkbox()
    {
        var campaign = Campaign();
        var copies = Insert(campaign.Copy(), campaign.Copy());
        await AnalysedAsync();
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");
        var page = await secretariat.GetAsync(PortalPaths(GroupOf(copies[0])));

        var refused = await secretariat.PostFormAsync($"{PortalPaths(GroupOf(copies[0]))}?handler=split", page.FindForm("data-members-form")!.HiddenFields);

        Assert.Contains($"<a href=\"#member-{SubmissionReference.Format(copies[0])}\">Select the submissions first</a>", refused.Html, StringComparison.Ordinal);
        Assert.Contains($"id=\"member-{SubmissionReference.Format(copies[0])}\"", refused.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_cannot_reach_the_groups()
    {
        using var admin = await portal.SignedInAsync(Staff.Admin, "/triage");

        var page = await admin.GetAsync("/triage/groups");

        Assert.Equal((HttpStatusCode.Forbidden, "/account/access-denied"), (page.Status, page.Address.AbsolutePath));
    }

    private static string PortalPaths(long group) => $"/triage/groups/{group}";

    private async Task AnalysedAsync()
    {
        using var patience = new CancellationTokenSource(TestPatience.SafetyNet);
        await portal.Services.GetRequiredService<SimilarityRunner>().WhenIdleAsync(patience.Token);
    }

    private long GroupOf(long submission)
    {
        using var connection = portal.OpenDatabase();
        return connection.QuerySingle<long>("SELECT group_id FROM similarity_group_member WHERE submission_id = @submission", new { submission });
    }

    private List<long> Insert(params string[] texts) =>
        [.. SubmissionRows.InsertMany(portal.StartedConnectionString(), texts.Select(t => new SubmissionRow(t)))];

    private static CampaignText Campaign() => new(Random.Shared);

    /// <summary>A campaign's template: sixty words drawn at random, so no two tests' campaigns share a phrase.</summary>
    private sealed class CampaignText(Random random)
    {
        private static readonly string[] Words =
            [.. "prison probation police court custody victim youth women health housing inspection review staff caseload remand bail sentence charge evidence witness family school mental drug alcohol release hostel officer report delay trial crown magistrate community order supervision risk safeguarding neglect abuse training resource funding capacity partner agency council nurse doctor cell visit education work skill tag curfew hearing appeal jury".Split(' ')];

        private readonly string template = string.Join(' ', Enumerable.Range(0, 60).Select(_ => Words[random.Next(Words.Length)]));

        public string Copy() => template;

        public string Edited(string opening, string closing) => $"{opening} {template} {closing}".Trim();
    }
}
