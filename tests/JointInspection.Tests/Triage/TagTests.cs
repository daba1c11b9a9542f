using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;

namespace JointInspection.Tests.Triage;

/// <summary>
/// Tags (themes) after a real sign-in: made, renamed and merged on their own pages, given to several submissions from
/// the queue or set on one submission's page, counted, filtered on, audited and on each submission's history. Each
/// test's tag names and rows carry a word of their own, so tests sharing the database do not see each other's.
/// </summary>
public sealed partial class TagTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    [Fact]
    public async Task Tags_given_in_bulk_from_the_queue_are_shown_counted_filtered_on_and_on_each_history()
    {
        var marker = Marker();
        var (first, second, other) = (Suggestion(marker), Suggestion(marker), Suggestion(marker));
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");
        var existing = await AddTagAsync(secretariat, $"Mental health {marker}");

        var form = await secretariat.GetAsync($"/triage/tag?selected={first.Reference}:0&selected={second.Reference}:0&returnTo={Uri.EscapeDataString($"/triage?assigned=&q={marker}")}");
        var saved = await secretariat.SubmitAsync(
            form, form.FindForm("data-tag-submissions-form")!, null, ("tags", existing.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("newTag", $"  Custody   {marker} "));

        Assert.Contains("<h1 class=\"govuk-heading-xl\">Tag 2 submissions</h1>", form.Html, StringComparison.Ordinal);
        Assert.Equal(($"/triage", $"?assigned=&q={marker}"), (saved.Address.AbsolutePath, saved.Address.Query));
        Assert.Contains("data-field=\"done\">Tags saved for 2 submissions.", saved.Html, StringComparison.Ordinal);
        Assert.Equal(
            [$"Custody {marker}", $"Mental health {marker}", $"Custody {marker}", $"Mental health {marker}"],
            TagCells().Matches(saved.Html).Select(m => m.Groups[1].Value));

        var custody = TagId($"Custody {marker}");
        var filtered = await TriageQueueTests.GetQueueAsync(secretariat, $"tag={custody}");
        Assert.Equal([second.Id, first.Id], filtered.Items.Select(i => i.Id));
        var tags = await secretariat.GetAsync("/triage/tags");
        Assert.Matches($"data-tag=\"{custody}\">\\s*<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/triage/tags/{custody}\">Custody {marker}</a></td>\\s*<td class=\"govuk-table__cell govuk-table__cell--numeric\" data-field=\"count\"><a class=\"govuk-link\" href=\"/triage\\?assigned=&amp;tag={custody}\">2<", tags.Html);
        var tagPage = await secretariat.GetAsync($"/triage/tags/{custody}");
        Assert.Matches("<td class=\"govuk-table__cell\">Suggested topics</td>\\s*<td class=\"govuk-table__cell govuk-table__cell--numeric\">2</td>", tagPage.Html);

        var page = await secretariat.GetAsync($"/triage/{first.Reference}");
        Assert.Contains($"data-field=\"tag\">Custody {marker}</strong>", page.Html, StringComparison.Ordinal);
        Assert.Contains(($"Tags changed: added Custody {marker}, Mental health {marker}", "Priya Shah"), Timeline.Of(page).Select(e => (e.What, e.Who)));
        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM submission_tag WHERE submission_id = @id", new { id = other.Id }));
        Assert.Equal(
            [("person", Staff.Secretariat), ("person", Staff.Secretariat)],
            connection.Query<(string, string)>("SELECT proposed_by, confirmed_by FROM submission_tag WHERE submission_id = @id", new { id = first.Id }));
        Assert.Equal(2, connection.ExecuteScalar<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'submission.tag' AND subject IN (@a, @b)",
            new { a = $"submission:{first.Reference}", b = $"submission:{second.Reference}" }));
    }

    [Fact]
    public async Task On_one_submissions_page_the_ticked_tags_are_its_tags_so_unticking_takes_one_off()
    {
        var marker = Marker();
        var submission = Suggestion(marker);
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        var keep = await AddTagAsync(chief, $"Keep {marker}");
        var drop = await AddTagAsync(chief, $"Drop {marker}");
        var first = await chief.GetAsync($"/triage/tag?selected={submission.Reference}");
        await chief.SubmitAsync(first, first.FindForm("data-tag-submissions-form")!, null, ("tags", $"{keep}"), ("tags", $"{drop}"));

        var page = await chief.GetAsync($"/triage/{submission.Reference}");
        var change = await chief.GetAsync(WebUtility.HtmlDecode(Regex.Match(page.Html, "href=\"([^\"]*)\" data-field=\"change-tags\"").Groups[1].Value));
        Assert.Matches($"value=\"{keep}\" checked=\"checked\"", change.Html);
        Assert.Matches($"value=\"{drop}\" checked=\"checked\"", change.Html);
        var saved = await chief.SubmitAsync(change, change.FindForm("data-tag-submissions-form")!, null, ("tags", $"{keep}"));

        Assert.Equal($"/triage/{submission.Reference}", saved.Address.AbsolutePath);
        Assert.Contains($"data-field=\"tag\">Keep {marker}</strong>", saved.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"Drop {marker}</strong>", saved.Html, StringComparison.Ordinal);
        // Newest first among the staff's own events.
        Assert.Equal($"Tags changed: removed Drop {marker}", Timeline.Of(saved).First(e => e.Who == "Justin Russell").What);
    }

    [Fact]
    public async Task Renaming_keeps_the_tag_on_its_submissions_and_merging_moves_them_without_doubling_any()
    {
        var marker = Marker();
        var (both, onlyFrom) = (Suggestion(marker), Suggestion(marker));
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");
        var from = await AddTagAsync(secretariat, $"Mental helth {marker}");
        var into = await AddTagAsync(secretariat, $"Wellbeing {marker}");
        var form = await secretariat.GetAsync($"/triage/tag?selected={both.Reference}&selected={onlyFrom.Reference}");
        await secretariat.SubmitAsync(form, form.FindForm("data-tag-submissions-form")!, null, ("tags", $"{from}"));
        form = await secretariat.GetAsync($"/triage/tag?selected={both.Reference}");
        await secretariat.SubmitAsync(form, form.FindForm("data-tag-submissions-form")!, null, ("tags", $"{from}"), ("tags", $"{into}"));

        var tagPage = await secretariat.GetAsync($"/triage/tags/{from}");
        var renamed = await secretariat.SubmitAsync(tagPage, tagPage.FindForm("data-rename-form")!, null, ("name", $"Mental health {marker}"));
        Assert.Contains($"data-field=\"name\">Mental health {marker}</h1>", renamed.Html, StringComparison.Ordinal);
        Assert.Contains($"data-field=\"tag\">Mental health {marker}</strong>", (await secretariat.GetAsync($"/triage/{onlyFrom.Reference}")).Html, StringComparison.Ordinal);

        var merged = await secretariat.SubmitAsync(renamed, renamed.FindForm("data-merge-form")!, null, ("into", $"{into}"));

        Assert.Equal($"/triage/tags/{into}", merged.Address.AbsolutePath);
        Assert.Contains($"“Mental health {marker}” merged into “Wellbeing {marker}”, which 2 submissions now have.", WebUtility.HtmlDecode(merged.Html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync($"/triage/tags/{from}")).Status);
        using var connection = portal.OpenDatabase();
        Assert.Equal(
            [(both.Id, into), (onlyFrom.Id, into)],
            connection.Query<(long, long)>(
                "SELECT submission_id, tag_id FROM submission_tag WHERE submission_id IN (@a, @b) ORDER BY submission_id, tag_id", new { a = both.Id, b = onlyFrom.Id }));
        Assert.Equal(
            ["tag.create", "tag.create", "tag.rename", "tag.merge"],
            connection.Query<string>("SELECT action FROM audit_log WHERE subject IN (@a, @b) ORDER BY id", new { a = $"tag:{from}", b = $"tag:{into}" }));
    }

    [Theory]
    [InlineData("", "Enter a name for the tag")]
    [InlineData("long", "Tag name must be 60 characters or fewer: it is 61")]
    [InlineData("taken", "There is already a tag called")]
    public async Task A_tag_name_that_is_empty_too_long_or_taken_in_any_case_comes_back_with_what_to_fix(string kind, string error)
    {
        var marker = Marker();
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");
        await AddTagAsync(secretariat, $"Youth justice {marker}");
        var typed = kind switch { "long" => new string('y', 61), "taken" => $"YOUTH JUSTICE {marker}", _ => "" };

        var form = await secretariat.GetAsync("/triage/tags");
        var refused = await secretariat.SubmitAsync(form, form.FindForm("data-tag-form")!, null, ("name", typed));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("<title>Error: Tags", refused.Html, StringComparison.Ordinal);
        Assert.Contains(error, WebUtility.HtmlDecode(refused.Html), StringComparison.Ordinal);
        if (typed.Length > 0)
        {
            Assert.Contains($"value=\"{typed}\"", refused.Html, StringComparison.Ordinal);
        }

        using var connection = portal.OpenDatabase();
        // Names compare in any case, so the taken name finds the one tag there is.
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM tag WHERE name = @name", new { name = $"Youth justice {marker}" }));
        Assert.Equal(kind == "taken" ? 1 : 0, connection.ExecuteScalar<long>("SELECT count(*) FROM tag WHERE name = @typed", new { typed }));
    }

    [Fact]
    public async Task A_script_in_a_tag_name_is_shown_as_text()
    {
        var marker = Marker();
        var submission = Suggestion(marker);
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");
        var form = await secretariat.GetAsync($"/triage/tag?selected={submission.Reference}");

        var saved = await secretariat.SubmitAsync(form, form.FindForm("data-tag-submissions-form")!, null, ("newTag", $"<script>alert('{marker}')</script>"));

        Assert.Contains($"data-field=\"tag\">&lt;script&gt;alert(&#x27;{marker}&#x27;)&lt;/script&gt;</strong>", saved.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"<script>alert('{marker}", saved.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_cannot_reach_the_tag_pages()
    {
        using var admin = await portal.SignedInAsync(Staff.Admin, "/triage");

        var tags = await admin.GetAsync("/triage/tags");
        var apply = await admin.GetAsync("/triage/tag");

        Assert.Equal((HttpStatusCode.Forbidden, "/account/access-denied"), (tags.Status, tags.Address.AbsolutePath));
        Assert.Equal((HttpStatusCode.Forbidden, "/account/access-denied"), (apply.Status, apply.Address.AbsolutePath));
    }

    private async Task<long> AddTagAsync(TestBrowser browser, string name)
    {
        var form = await browser.GetAsync("/triage/tags");
        var added = await browser.SubmitAsync(form, form.FindForm("data-tag-form")!, null, ("name", name));
        Assert.Contains($"data-field=\"done\">Tag “{name}” added.", WebUtility.HtmlDecode(added.Html), StringComparison.Ordinal);
        return TagId(name);
    }

    private long TagId(string name)
    {
        using var connection = portal.OpenDatabase();
        return connection.QuerySingle<long>("SELECT id FROM tag WHERE name = @name", new { name });
    }

    private static string Marker() => "m" + Guid.NewGuid().ToString("N")[..12];

    private (long Id, string Reference) Suggestion(string marker)
    {
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), new($"{marker} where girls in custody are held.", Title: "Girls held far from home"));
        return (id, SubmissionReference.Format(id));
    }

    [GeneratedRegex("data-field=\"tag\">([^<]*)</strong>")]
    private static partial Regex TagCells();
}
