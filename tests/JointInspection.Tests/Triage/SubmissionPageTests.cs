using System.Net;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;

namespace JointInspection.Tests.Triage;

/// <summary>
/// The submission page every member of staff can read, responses not being assessed, evidence links, the email's
/// confirmation and the current decision on the assessment and decision pages, and where recording a decision goes.
/// </summary>
public sealed class SubmissionPageTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    [Fact]
    public async Task A_response_is_not_assessed_its_assessment_address_says_so_and_a_post_to_it_saves_nothing()
    {
        var response = SubmissionRows.Insert(portal.StartedConnectionString(), new("I support it."));
        var reference = SubmissionReference.Format(response);
        var suggestion = SubmissionReference.Format(SubmissionRows.Insert(portal.ConnectionString, new("Text.", Title: "A topic")));
        using var browser = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{suggestion}/assess");

        var page = await browser.GetAsync($"/triage/{reference}/assess");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("<h1 class=\"govuk-heading-xl\">Responses are not assessed</h1>", page.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/triage/{reference}\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-assessment-form", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Likelihood", page.Html, StringComparison.Ordinal);

        // A form from a suggestion's page carries a good antiforgery token; sent to the response, it is refused.
        var form = await browser.GetAsync($"/triage/{suggestion}/assess");
        var fields = form.FindForm("data-assessment-form")!.HiddenFields
            .Concat([KeyValuePair.Create("Likelihood", "4"), KeyValuePair.Create("Impact", "4"), KeyValuePair.Create("ProgrammeYear", "2022-23"), KeyValuePair.Create("days-hmcpsi", "10")]);
        var posted = await browser.PostFormAsync($"/triage/{reference}/assess", fields);

        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        Assert.Contains("Responses are not assessed", posted.Html, StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM assessment WHERE submission_id = @response", new { response }));
    }

    [Fact]
    public async Task The_decision_page_of_a_response_asks_for_no_assessment_and_shows_whether_the_email_is_confirmed()
    {
        var confirmed = SubmissionReference.Format(SubmissionRows.Insert(portal.StartedConnectionString(), new("I support it.", Confirmed: true)));
        var unconfirmed = SubmissionReference.Format(SubmissionRows.Insert(portal.ConnectionString, new("I do not.")));
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{confirmed}/decide");

        var page = await chief.GetAsync($"/triage/{confirmed}/decide");
        var other = await chief.GetAsync($"/triage/{unconfirmed}/decide");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data-field=\"email-confirmed\">Confirmed on ", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"email-confirmed\">Not confirmed", other.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("/assess", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"capacity\"", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secretariat", true, false)]
    [InlineData("chief", true, true)]
    [InlineData("admin", false, false)]
    public async Task Every_member_of_staff_reads_a_submission_with_the_next_steps_their_role_allows(string who, bool assess, bool decide)
    {
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), new("Conditions in <b>cells</b>.", Title: "Custody <script>x</script>", Confirmed: true));
        var reference = SubmissionReference.Format(id);
        var email = who switch { "secretariat" => Staff.Secretariat, "chief" => Staff.ProbationChiefInspector, _ => Staff.Admin };
        using var browser = await portal.SignedInAsync(email, $"/triage/{reference}");

        var page = await browser.GetAsync($"/triage/{reference}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"<h1 class=\"govuk-heading-xl\">{reference}</h1>", page.Html, StringComparison.Ordinal);
        Assert.Contains("Custody &lt;script&gt;x&lt;/script&gt;", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>x", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"email-confirmed\">Confirmed on ", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"decision\">No decision yet</dd>", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"assessment\">Not assessed yet</dd>", page.Html, StringComparison.Ordinal);
        Assert.Equal(assess, page.Html.Contains($"href=\"/triage/{reference}/assess\" data-field=\"assess\">Assess risk and resources</a>", StringComparison.Ordinal));
        Assert.Equal(decide, page.Html.Contains($"href=\"/triage/{reference}/decide\" data-field=\"decide\">Record a decision</a>", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/triage/JI-999999")).Status);
    }

    [Fact]
    public async Task A_response_offers_no_assessment_and_the_queue_links_every_row_to_its_submission()
    {
        var marker = "m" + Guid.NewGuid().ToString("N")[..12];
        var reference = SubmissionReference.Format(SubmissionRows.Insert(portal.StartedConnectionString(), new($"{marker} I support it.")));
        using var browser = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}");

        var page = await browser.GetAsync($"/triage/{reference}");
        var queue = await browser.GetAsync($"/triage?q={marker}");

        Assert.DoesNotContain("Assess risk and resources", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"assessment\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/triage/{reference}/decide\" data-field=\"decide\">Record a decision</a>", page.Html, StringComparison.Ordinal);
        Assert.Contains($"<a class=\"govuk-link\" href=\"/triage/{reference}\">{reference}</a>", queue.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_links_are_links_that_leave_safely_and_anything_else_stays_text()
    {
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), new("Text.", Title: "Evidence topic"));
        using (var connection = portal.OpenDatabase())
        {
            connection.Execute(
                "UPDATE submission SET evidence_links = @links WHERE id = @id",
                new { id, links = "https://example.org/report?a=1&b=2\njavascript:alert(1)\nhttp://example.org/\"onmouseover=\"x" });
        }

        var reference = SubmissionReference.Format(id);
        using var browser = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}");

        foreach (var path in new[] { $"/triage/{reference}", $"/triage/{reference}/assess" })
        {
            var page = await browser.GetAsync(path);

            Assert.Contains(
                "<a class=\"govuk-link\" href=\"https://example.org/report?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\">https://example.org/report?a=1&amp;b=2</a>",
                page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"javascript:", page.Html, StringComparison.Ordinal);
            Assert.Contains("<span>javascript:alert(1)</span>", page.Html, StringComparison.Ordinal);
            Assert.Contains("href=\"http://example.org/%22onmouseover=%22x\"", page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("\"onmouseover=\"", page.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task After_recording_a_decision_the_chief_inspector_goes_to_the_oldest_submission_still_undecided_with_a_banner()
    {
        var first = SubmissionRows.Insert(portal.StartedConnectionString(), new("First."));
        var second = SubmissionRows.Insert(portal.ConnectionString, new("Second."));
        var reference = SubmissionReference.Format(second);
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}/decide");
        var form = await chief.GetAsync($"/triage/{reference}/decide");

        var next = await chief.RecordAsync(form, ("outcome", "noted"), ("rationale", "Thank you."));

        using var connection = portal.OpenDatabase();
        var oldest = connection.ExecuteScalar<long>(
            "SELECT min(id) FROM submission s WHERE NOT EXISTS (SELECT 1 FROM decision d WHERE d.submission_id = s.id)");
        Assert.True(oldest <= first);
        Assert.Equal(HttpStatusCode.OK, next.Status);
        Assert.Equal($"/triage/{SubmissionReference.Format(oldest)}/decide", next.Address.AbsolutePath);
        Assert.Contains($"Decision recorded on <a class=\"govuk-notification-banner__link\" href=\"/triage/{reference}\">{reference}</a>", next.Html, StringComparison.Ordinal);
        Assert.Contains("govuk-notification-banner--success", next.Html, StringComparison.Ordinal);
        Assert.Equal("noted", connection.ExecuteScalar<string>("SELECT outcome FROM decision WHERE submission_id = @second", new { second }));
    }

    [Fact]
    public async Task When_nothing_is_left_to_decide_recording_a_decision_goes_to_the_queue_with_the_banner()
    {
        using var fresh = new PortalWithDevIdentity();
        var id = SubmissionRows.Insert(fresh.StartedConnectionString(), new("Only one."));
        var reference = SubmissionReference.Format(id);
        using var chief = await fresh.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}/decide");
        var form = await chief.GetAsync($"/triage/{reference}/decide");

        var queue = await chief.RecordAsync(form, ("outcome", "programme-changed"), ("rationale", "We changed it."));

        Assert.Equal(HttpStatusCode.OK, queue.Status);
        Assert.Equal("/triage", queue.Address.AbsolutePath);
        Assert.Contains($"Decision recorded on <a class=\"govuk-notification-banner__link\" href=\"/triage/{reference}\">{reference}</a>", queue.Html, StringComparison.Ordinal);
    }
}
