using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Triage;

/// <summary>
/// Sharing out case work after a real sign-in: submissions are assigned from the queue (several at once) or from their
/// own page, the assignee starts at "My submissions", every change is audited and on the submission's history, and a
/// refused or failed assignment changes nothing. Each test's rows carry a word of their own, which its queries search for.
/// </summary>
public sealed partial class AssignmentTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    [Fact]
    public async Task Two_submissions_ticked_in_the_queue_are_assigned_in_one_go_and_lead_the_assignees_queue()
    {
        var marker = Marker();
        var (first, second, other) = (Suggestion(marker), Suggestion(marker), Suggestion(marker));
        // Signed in once, so the portal knows the chief inspector's name.
        using var chief = await portal.SignedInAsync(Staff.PrisonsChiefInspector, "/triage");
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");
        var view = $"/triage?assigned=&q={marker}";

        var queue = await secretariat.GetAsync(view);
        var ticked = Checkboxes(queue).Where(c => c.Key == first.Reference || c.Key == second.Reference).Select(c => c.Value).ToList();
        var form = await secretariat.GetAsync(
            "/triage/assign?" + string.Join("&", ticked.Select(v => "selected=" + Uri.EscapeDataString(v))) + "&returnTo=" + Uri.EscapeDataString(view));
        var assigned = await secretariat.SubmitAsync(form, form.FindForm("data-assign-form")!, null, ("assignee", Staff.PrisonsChiefInspector));

        Assert.Contains("Assign the selected submissions</button>", queue.Html, StringComparison.Ordinal);
        Assert.Contains("<h1 class=\"govuk-heading-xl\">Assign 2 submissions</h1>", form.Html, StringComparison.Ordinal);
        Assert.Contains("Charlie Taylor", form.Html, StringComparison.Ordinal);
        // Admins run the portal; they are not given case work.
        Assert.DoesNotContain($"value=\"{Staff.Admin}\"", form.Html, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "/triage"), (assigned.Status, assigned.Address.AbsolutePath));
        Assert.Equal($"?assigned=&q={marker}", assigned.Address.Query);
        Assert.Contains("data-field=\"done\">2 submissions assigned to Charlie Taylor.", assigned.Html, StringComparison.Ordinal);
        Assert.Equal(["Unassigned", "Assigned to Charlie Taylor", "Assigned to Charlie Taylor"], AssignedColumn(assigned));

        var start = await chief.GetAsync("/triage");
        Assert.Equal("?assigned=me", start.Address.Query);
        Assert.Contains("aria-current=\"page\" href=\"/triage?assigned=me\" data-field=\"mine\">My submissions (", start.Html, StringComparison.Ordinal);
        var mine = await chief.GetAsync($"/triage?assigned=me&q={marker}");
        Assert.Equal([second.Reference, first.Reference], Rows(mine));
        Assert.Equal([other.Reference], Rows(await chief.GetAsync($"/triage?assigned=nobody&q={marker}")));

        using var connection = portal.OpenDatabase();
        Assert.Equal(
            [(first.Id, Staff.PrisonsChiefInspector, Staff.Secretariat), (second.Id, Staff.PrisonsChiefInspector, Staff.Secretariat)],
            connection.Query<(long, string, string)>(
                "SELECT submission_id, assignee, assigned_by FROM submission_assignment WHERE submission_id IN (@a, @b, @c) ORDER BY submission_id",
                new { a = first.Id, b = second.Id, c = other.Id }));
        Assert.Equal(2, connection.ExecuteScalar<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'submission.assign' AND subject IN (@a, @b)",
            new { a = $"submission:{first.Reference}", b = $"submission:{second.Reference}" }));
    }

    [Fact]
    public async Task Reassigning_and_unassigning_from_the_submission_page_is_on_its_history()
    {
        var submission = Suggestion(Marker());
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{submission.Reference}");

        var page = await chief.GetAsync($"/triage/{submission.Reference}");
        Assert.Contains("data-field=\"assigned\">Nobody</dd>", page.Html, StringComparison.Ordinal);
        var form = await chief.GetAsync(Href(page, "assign"));
        var toPriya = await chief.SubmitAsync(form, form.FindForm("data-assign-form")!, null, ("assignee", Staff.Secretariat));
        Assert.Equal($"/triage/{submission.Reference}", toPriya.Address.AbsolutePath);
        Assert.Contains($"data-field=\"done\">{submission.Reference} assigned to Priya Shah.", toPriya.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"assigned\">Priya Shah, since ", toPriya.Html, StringComparison.Ordinal);

        var change = await chief.GetAsync(Href(toPriya, "assign"));
        // The form starts from who has it now.
        Assert.Matches($"value=\"{Regex.Escape(Staff.Secretariat)}\" checked=\"checked\"", change.Html);
        var toNobody = await chief.SubmitAsync(change, change.FindForm("data-assign-form")!, null, ("assignee", "nobody"));

        Assert.Contains($"data-field=\"done\">{submission.Reference} assigned to nobody.", toNobody.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"assigned\">Nobody</dd>", toNobody.Html, StringComparison.Ordinal);
        Assert.Equal(
            [("Unassigned", "Justin Russell"), ("Assigned to Priya Shah", "Justin Russell")],
            Timeline.Of(toNobody).Where(e => e.Who == "Justin Russell").Select(e => (e.What, e.Who)));
        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM submission_assignment WHERE submission_id = @id", new { id = submission.Id }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("alex-morgan")]
    [InlineData("someone@example.org")]
    public async Task Nobody_chosen_or_someone_who_takes_no_case_work_is_refused_with_what_to_fix_and_nothing_changes(string assignee)
    {
        var submission = Suggestion(Marker());
        var chosen = assignee == "alex-morgan" ? Staff.Admin : assignee;
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        var form = await secretariat.GetAsync($"/triage/assign?selected={submission.Reference}:0");
        var refused = await secretariat.SubmitAsync(form, form.FindForm("data-assign-form")!, null, ("assignee", chosen));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains($"<title>Error: Assign {submission.Reference}", refused.Html, StringComparison.Ordinal);
        Assert.Contains("Select who to assign them to, or nobody", refused.Html, StringComparison.Ordinal);
        // The submission is still listed, so the form can be sent again as it is.
        Assert.Contains($"<input type=\"hidden\" name=\"selected\" value=\"{submission.Reference}\">", refused.Html, StringComparison.Ordinal);
        AssertUntouched(submission.Id);
    }

    [Fact]
    public async Task The_page_says_what_to_do_when_nothing_was_selected()
    {
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        var page = await secretariat.GetAsync("/triage/assign?selected=JI-999999999:0&selected=nonsense");

        // The summary links back to the queue, where the selection is made.
        Assert.Contains("<a href=\"/triage\">Select at least one submission in the triage queue, then choose", page.Html, StringComparison.Ordinal);
        Assert.Null(page.FindForm("data-assign-form"));
    }

    [Fact]
    public async Task An_assignment_the_database_cannot_take_is_a_503_that_keeps_the_choice_and_changes_nothing()
    {
        var submission = Suggestion(Marker());
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");
        var form = await secretariat.GetAsync($"/triage/assign?selected={submission.Reference}");

        WebPage refused;
        // Another write in this process that does not finish within the lock wait.
        await using (await portal.Services.GetRequiredService<Database>().OpenForWriteAsync())
        {
            refused = await secretariat.SubmitAsync(form, form.FindForm("data-assign-form")!, null, ("assignee", Staff.ProsecutionChiefInspector));
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Contains("Nothing was changed. Try again in a few minutes", refused.Html, StringComparison.Ordinal);
        Assert.Matches($"value=\"{Regex.Escape(Staff.ProsecutionChiefInspector)}\" checked=\"checked\"", refused.Html);
        AssertUntouched(submission.Id);
    }

    [Fact]
    public async Task Admins_cannot_assign_and_see_no_checkboxes_in_the_queue()
    {
        var submission = Suggestion(Marker());
        using var admin = await portal.SignedInAsync(Staff.Admin, "/triage");

        var denied = await admin.GetAsync($"/triage/assign?selected={submission.Reference}");
        var queue = await admin.GetAsync("/triage?assigned=");
        using var anonymous = portal.NewBrowser();
        using var posted = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/triage/assign")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("selected", submission.Reference), KeyValuePair.Create("assignee", Staff.Secretariat)]),
        });

        Assert.Equal((HttpStatusCode.Forbidden, "/account/access-denied"), (denied.Status, denied.Address.AbsolutePath));
        Assert.DoesNotContain("name=\"selected\"", queue.Html, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        AssertUntouched(submission.Id);
    }

    [Theory]
    [InlineData("assessed=true", "b")]
    [InlineData("assessed=false", "a")]
    [InlineData("decided=true", "d")]
    [InlineData("decided=false", "cba")]
    [InlineData("status=awaiting-agreement", "c")]
    [InlineData("assigned=nobody", "dca")]
    [InlineData("assigned=me", "b")]
    [InlineData("assigned=me&decided=true", "")]
    public async Task The_case_working_filters_narrow_the_queue_to_what_they_name(string filters, string expected)
    {
        var marker = Marker();
        var ids = new Dictionary<char, long>
        {
            ['a'] = SubmissionRows.Insert(portal.StartedConnectionString(), new($"{marker} a", Title: "Not assessed")),
            ['b'] = SubmissionRows.Insert(portal.StartedConnectionString(), new($"{marker} b", Title: "Assessed", Status: "assessed")),
            ['c'] = SubmissionRows.Insert(portal.StartedConnectionString(), new($"{marker} c", AreaOfFocus: "custodial-conditions", Status: "awaiting-agreement")),
            ['d'] = SubmissionRows.Insert(portal.StartedConnectionString(), new($"{marker} d", AreaOfFocus: "custodial-conditions", Status: "noted")),
        };
        using (var connection = portal.OpenDatabase())
        {
            connection.Execute("UPDATE submission SET risk_score = 12 WHERE id = @id", new { id = ids['b'] });
        }

        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");
        var form = await secretariat.GetAsync($"/triage/assign?selected={SubmissionReference.Format(ids['b'])}");
        await secretariat.SubmitAsync(form, form.FindForm("data-assign-form")!, null, ("assignee", Staff.Secretariat));

        var queue = await TriageQueueTests.GetQueueAsync(secretariat, $"q={marker}&{filters}");

        Assert.Equal(expected.Select(letter => ids[letter]), queue.Items.Select(item => item.Id));
    }

    [Theory]
    [InlineData("assigned=bob", "Unknown assigned 'bob'. Use me, nobody or a member of staff's email address.")]
    [InlineData("decided=maybe", "Unknown decided 'maybe'. Use one of: true, false.")]
    public async Task A_filter_value_it_does_not_know_is_a_400_that_says_what_to_use(string filters, string message)
    {
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        using var response = await secretariat.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/triage/submissions?{filters}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private void AssertUntouched(long id)
    {
        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM submission_assignment WHERE submission_id = @id", new { id }));
        Assert.Equal(0, connection.ExecuteScalar<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'submission.assign' AND subject = @subject", new { subject = $"submission:{SubmissionReference.Format(id)}" }));
    }

    private static string Marker() => "m" + Guid.NewGuid().ToString("N")[..12];

    private (long Id, string Reference) Suggestion(string marker)
    {
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), new($"{marker} where girls in custody are held.", Title: "Girls held far from home"));
        return (id, SubmissionReference.Format(id));
    }

    private static Dictionary<string, string> Checkboxes(WebPage queue) =>
        Checkbox().Matches(queue.Html).ToDictionary(m => m.Groups["reference"].Value, m => m.Groups["value"].Value);

    private static List<string> Rows(WebPage queue) => [.. RowReference().Matches(queue.Html).Select(m => m.Groups[1].Value)];

    private static List<string> AssignedColumn(WebPage queue) => [.. AssignedCell().Matches(queue.Html).Select(m => m.Groups[1].Value)];

    private static string Href(WebPage page, string field) =>
        System.Net.WebUtility.HtmlDecode(Regex.Match(page.Html, $"href=\"(?<href>[^\"]*)\" data-field=\"{field}\"").Groups["href"].Value);

    [GeneratedRegex("id=\"select-(?<reference>JI-[0-9]+)\" name=\"selected\" type=\"checkbox\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex Checkbox();

    [GeneratedRegex("<tr class=\"govuk-table__row\" data-reference=\"(JI-[0-9]+)\"")]
    private static partial Regex RowReference();

    [GeneratedRegex("data-field=\"assigned\">([^<]*)</p>")]
    private static partial Regex AssignedCell();
}
