using System.Net;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;

namespace JointInspection.Tests.Triage;

/// <summary>The assessment page after a real sign-in: saving, refusing bad input, capacity, and two people saving at once.</summary>
public sealed class AssessmentPageTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{

    private static readonly (string, string)[] Valid =
        [("Likelihood", "4"), ("Impact", "5"), ("ProgrammeYear", "2022-23"), ("days-hmcpsi", "40"), ("days-hmi-probation", "60")];

    [Fact]
    public async Task Saving_stores_the_assessment_its_days_and_an_audit_entry()
    {
        var (id, reference) = NewSubmission();
        using var browser = await SignedInAsync(Staff.Secretariat, reference);

        var saved = await SaveAsync(browser, reference, Valid);

        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("data-field=\"saved\"", saved.Html, StringComparison.Ordinal);
        Assert.Contains("risk score <strong>20</strong> (Very high)", saved.Html, StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        var row = connection.QuerySingle<(long Likelihood, long Impact, string Year, string By, long Version)>(
            "SELECT likelihood, impact, programme_year, assessed_by, version FROM assessment WHERE submission_id = @id", new { id });
        Assert.Equal((4L, 5L, "2022-23", Staff.Secretariat, 1L), row);
        var days = connection.Query<(string, long)>("SELECT inspectorate_code, days FROM assessment_days WHERE submission_id = @id ORDER BY 1", new { id });
        Assert.Equal([("hmcpsi", 40L), ("hmi-prisons", 0L), ("hmi-probation", 60L), ("hmicfrs", 0L)], days);
        var audit = connection.QuerySingle<(string Actor, string? Before, string After)>(
            "SELECT actor, before, after FROM audit_log WHERE action = 'assessment.save' AND subject = @subject", new { subject = $"submission:{reference}" });
        Assert.Equal(Staff.Secretariat, audit.Actor);
        Assert.Null(audit.Before);
        Assert.Contains("\"Likelihood\":4", audit.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Likelihood", "7", "#likelihood")]
    [InlineData("Impact", "", "#impact")]
    [InlineData("ProgrammeYear", "2030-31", "#programmeYear")]
    [InlineData("days-hmcpsi", "-3", "#days-hmcpsi")]
    [InlineData("days-hmcpsi", "5000", "#days-hmcpsi")]
    [InlineData("days-hmicfrs", "lots", "#days-hmicfrs")]
    public async Task A_bad_answer_gets_an_error_naming_the_field_keeps_what_was_typed_and_saves_nothing(string field, string value, string href)
    {
        var (id, reference) = NewSubmission();
        using var browser = await SignedInAsync(Staff.Secretariat, reference);

        var page = await SaveAsync(browser, reference, [.. Valid.Where(f => f.Item1 != field), (field, value)]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<title>Error: ", page.Html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{href}\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"60\"", page.Html, StringComparison.Ordinal);
        if (field.StartsWith("days-", StringComparison.Ordinal))
        {
            Assert.Contains($"value=\"{value}\"", page.Html, StringComparison.Ordinal);
        }

        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM assessment WHERE submission_id = @id", new { id }));
    }

    [Fact]
    public async Task Going_over_capacity_needs_a_reason()
    {
        var (id, reference) = NewSubmission();
        using var browser = await SignedInAsync(Staff.Secretariat, reference);
        (string, string)[] over = [.. Valid.Where(f => f.Item1 != "days-hmcpsi"), ("days-hmcpsi", "2000")];

        var refused = await SaveAsync(browser, reference, over);
        Assert.Contains("<a href=\"#overCapacityReason\">", refused.Html, StringComparison.Ordinal);
        Assert.Contains("(over capacity)", refused.Html, StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM assessment WHERE submission_id = @id", new { id }));

        var saved = await SaveAsync(browser, reference, [.. over, ("OverCapacityReason", "Ministers asked for this review")]);
        Assert.Contains("data-field=\"saved\"", saved.Html, StringComparison.Ordinal);
        Assert.Equal("Ministers asked for this review", connection.ExecuteScalar<string>("SELECT over_capacity_reason FROM assessment WHERE submission_id = @id", new { id }));
    }

    [Fact]
    public async Task When_two_people_save_the_same_version_the_second_is_shown_the_first_and_overwrites_nothing()
    {
        var (id, reference) = NewSubmission();
        using var first = await SignedInAsync(Staff.Secretariat, reference);
        using var second = await SignedInAsync(Staff.ProbationChiefInspector, reference);
        var firstPage = await first.GetAsync($"/triage/{reference}/assess");
        var secondPage = await second.GetAsync($"/triage/{reference}/assess");

        await first.SubmitAsync(firstPage, firstPage.FindForm("data-assessment-form")!, null, [.. Valid.Where(f => f.Item1 != "Likelihood"), ("Likelihood", "2")]);
        var refused = await second.SubmitAsync(secondPage, secondPage.FindForm("data-assessment-form")!, null, [.. Valid.Where(f => f.Item1 != "Likelihood"), ("Likelihood", "5")]);

        Assert.Contains("Someone else saved this assessment at", refused.Html, StringComparison.Ordinal);
        Assert.Contains("Their values are shown; check them and save again", refused.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"likelihood-2\"[^>]*checked", refused.Html);
        Assert.DoesNotMatch("id=\"likelihood-5\"[^>]*checked", refused.Html);
        Assert.Equal("1", refused.FindForm("data-assessment-form")!.HiddenFields.Single(f => f.Key == "Version").Value);
        using var connection = portal.OpenDatabase();
        var stored = connection.QuerySingle<(long Likelihood, long Version)>("SELECT likelihood, version FROM assessment WHERE submission_id = @id", new { id });
        Assert.Equal((2L, 1L), stored);

        var again = await second.SubmitAsync(refused, refused.FindForm("data-assessment-form")!, null, [.. Valid.Where(f => f.Item1 != "Likelihood"), ("Likelihood", "5")]);
        Assert.Contains("data-field=\"saved\"", again.Html, StringComparison.Ordinal);
        Assert.Equal(2, connection.ExecuteScalar<long>("SELECT version FROM assessment WHERE submission_id = @id", new { id }));
    }

    [Fact]
    public async Task An_unknown_reference_is_not_found()
    {
        var (_, reference) = NewSubmission();
        using var browser = await SignedInAsync(Staff.Secretariat, reference);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/triage/JI-999999/assess")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/triage/nonsense/assess")).Status);
    }

    [Fact]
    public async Task The_queue_links_each_submission_to_its_page_and_shows_its_risk_score()
    {
        var (_, reference) = NewSubmission();
        using var browser = await SignedInAsync(Staff.Secretariat, reference);
        var before = await browser.GetAsync("/triage?q=holding");
        await SaveAsync(browser, reference, Valid);

        var after = await browser.GetAsync("/triage?q=holding");

        Assert.Contains($"href=\"/triage/{reference}\"", before.Html, StringComparison.Ordinal);
        Assert.Contains("Not assessed", Row(before.Html, reference), StringComparison.Ordinal);
        Assert.Contains("<td class=\"govuk-table__cell\" data-field=\"risk\">20 (Very high)</td>", Row(after.Html, reference), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_the_queue_with_links_to_read_each_submission_but_none_to_assess()
    {
        var (_, reference) = NewSubmission();
        using var browser = portal.NewBrowser();

        var queue = await browser.AsDemoPersonAsync("staff", Staff.Admin, "/triage?q=holding");

        Assert.Equal(System.Net.HttpStatusCode.OK, queue.Status);
        Assert.Contains(reference, Row(queue.Html, reference), StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/triage/{reference}/assess\"", queue.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/triage/{reference}\"", queue.Html, StringComparison.Ordinal);
    }

    private static string Row(string html, string reference)
    {
        var start = html.IndexOf($"data-reference=\"{reference}\"", StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private (long Id, string Reference) NewSubmission()
    {
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), new("Conditions in <b>holding cells</b>.", Title: "Police custody <script>x</script>"));
        return (id, SubmissionReference.Format(id));
    }

    private async Task<TestBrowser> SignedInAsync(string email, string reference)
    {
        var browser = await portal.SignedInAsync(email, $"/triage/{reference}/assess");
        var page = await browser.GetAsync($"/triage/{reference}/assess");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("<script>x", page.Html, StringComparison.Ordinal);
        return browser;
    }

    private static async Task<WebPage> SaveAsync(TestBrowser browser, string reference, (string, string)[] fields)
    {
        var page = await browser.GetAsync($"/triage/{reference}/assess");
        return await browser.SubmitAsync(page, page.FindForm("data-assessment-form")!, null, fields);
    }

}
