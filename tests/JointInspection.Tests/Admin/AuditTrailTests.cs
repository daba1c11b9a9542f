using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using JointInspection.Tests.Triage;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;

namespace JointInspection.Tests.Admin;

/// <summary>The audit trail seen through the real app: a submission's history on its triage pages, and the admin's whole log.</summary>
public sealed partial class AuditTrailTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    private static readonly (string, string)[] Assessment =
        [("Likelihood", "4"), ("Impact", "5"), ("ProgrammeYear", "2022-23"), ("days-hmcpsi", "40"), ("days-hmi-probation", "60")];

    [Fact]
    public async Task A_submission_shows_when_it_was_received_confirmed_and_assessed_and_by_whom()
    {
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), new("Conditions in cells.", Title: "Police custody", Confirmed: true, Name: "Pat Doe", ReceivedAt: "2026-01-10T09:00:00.000Z"));
        var reference = SubmissionReference.Format(id);
        using var browser = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}/assess");
        var page = await browser.GetAsync($"/triage/{reference}/assess");
        await browser.SubmitAsync(page, page.FindForm("data-assessment-form")!, null, Assessment);
        page = await browser.GetAsync($"/triage/{reference}/assess");
        await browser.SubmitAsync(page, page.FindForm("data-assessment-form")!, null, [.. Assessment.Where(f => f.Item1 != "Impact"), ("Impact", "2")]);

        var history = Timeline.Of(await browser.GetAsync($"/triage/{reference}/assess")).Reverse().Select(e => $"{e.When}|{e.What}|{e.Who}").ToList();

        Assert.Equal(4, history.Count);
        Assert.Matches("^.+ on 10 January \\d{4}\\|Received\\|Pat Doe$", history[0]);
        Assert.EndsWith("|Email address confirmed|Pat Doe", history[1], StringComparison.Ordinal);
        Assert.EndsWith("|Assessed: risk score 20|Priya Shah", history[2], StringComparison.Ordinal);
        Assert.EndsWith("|Assessment changed: risk score 8|Priya Shah", history[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_reads_the_whole_log_newest_first_filtered_by_person_and_action_in_words()
    {
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), new("Text.", Title: "A topic"));
        var reference = SubmissionReference.Format(id);
        using (var officer = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}/assess"))
        {
            var page = await officer.GetAsync($"/triage/{reference}/assess");
            await officer.SubmitAsync(page, page.FindForm("data-assessment-form")!, null, Assessment);
        }

        using var admin = await portal.SignedInAsync(Staff.Admin, "/admin/audit");
        var log = await admin.GetAsync($"/admin/audit?person={Uri.EscapeDataString(Staff.Secretariat)}&action=assessment.save");

        Assert.Equal(HttpStatusCode.OK, log.Status);
        Assert.Contains($"Assessed {reference}: risk score 20", log.Html, StringComparison.Ordinal);
        Assert.Contains("Priya Shah", log.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Granted the", log.Html, StringComparison.Ordinal);
        var grants = await admin.GetAsync("/admin/audit?action=staff.grant");
        Assert.Contains("Granted the chief inspector role to", grants.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Assessed ", grants.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_date_is_an_error_that_keeps_what_was_typed()
    {
        using var admin = await portal.SignedInAsync(Staff.Admin, "/admin/audit");

        var page = await admin.GetAsync("/admin/audit?From.Day=31&From.Month=2&From.Year=2027&To.Day=x");

        Assert.Contains("<title>Error: ", page.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#From-Day\">The date from must be a real date</a>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#To-Day\">The date to must be a real date</a>", page.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"From-Day\" name=\"From.Day\" type=\"text\" inputmode=\"numeric\" value=\"31\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"x\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-audit-log", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dates_are_uk_days_and_pages_follow_one_another_without_gaps_or_repeats()
    {
        const string Actor = "paging.test@example.gov.uk";
        using (var connection = portal.OpenDatabase())
        {
            // 23:30 UTC on 30 June is already 1 July in the UK (BST); 23:30 UTC on 1 July is 2 July.
            var rows = Enumerable.Range(0, 60).Select(i => new { at = "2027-07-01T12:00:00.000Z", subject = $"staff:person{i}@example.gov.uk" })
                .Append(new { at = "2027-06-30T23:30:00.000Z", subject = "staff:early@example.gov.uk" })
                .Append(new { at = "2027-07-01T23:30:00.000Z", subject = "staff:late@example.gov.uk" });
            connection.Execute(
                "INSERT INTO audit_log (at, actor, action, subject, before, after) VALUES (@at, 'paging.test@example.gov.uk', 'staff.revoke', @subject, NULL, NULL)", rows);
        }

        using var admin = await portal.SignedInAsync(Staff.Admin, "/admin/audit");
        var first = await admin.GetAsync($"/admin/audit?person={Uri.EscapeDataString(Actor)}&From.Day=1&From.Month=7&From.Year=2027&To.Day=1&To.Month=7&To.Year=2027");
        var older = OlderLink().Match(first.Html);
        Assert.True(older.Success, "No link to older changes");
        var second = await admin.GetAsync(System.Net.WebUtility.HtmlDecode(older.Groups["href"].Value));

        var seen = Entries(first).Concat(Entries(second)).ToList();
        Assert.Equal(50, Entries(first).Count);
        Assert.Equal(61, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.OrderByDescending(e => e), seen);
        Assert.Contains("early@example.gov.uk", first.Html + second.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("late@example.gov.uk", first.Html + second.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second.Html, StringComparison.Ordinal);
    }

    private static List<long> Entries(WebPage page) => [.. EntryId().Matches(page.Html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex("data-entry=\"(\\d+)\"")]
    private static partial Regex EntryId();

    [GeneratedRegex("href=\"(?<href>[^\"]+)\" rel=\"next\"")]
    private static partial Regex OlderLink();
}
