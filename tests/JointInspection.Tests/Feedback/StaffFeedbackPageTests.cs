using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Feedback;

/// <summary>The staff view of feedback at /staff/feedback, after real sign-ins, with feedback sent through the real form.</summary>
public sealed partial class StaffFeedbackPageTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    [Fact]
    public async Task Feedback_sent_by_the_public_is_shown_to_staff_encoded_with_satisfaction_in_words_and_where_it_came_from()
    {
        var marker = Guid.NewGuid().ToString();
        var text = $"<script>alert(1)</script> {marker}\r\nSecond line";
        using (var visitor = portal.NewBrowser())
        {
            var form = await visitor.GetAsync("/feedback?from=%2Fprinciples");
            var sent = await visitor.SubmitAsync(form, form.FindForm("method=\"post\"")!, null, ("satisfaction", "very-dissatisfied"), ("improvement", text));
            Assert.Equal("/feedback/sent", sent.Address.AbsolutePath);
        }

        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/staff/feedback");
        var page = await secretariat.GetAsync("/staff/feedback");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("<script>alert(1)</script>", page.Html, StringComparison.Ordinal);
        var card = Card(page.Html, marker);
        // Encoded as text (the line break too, which the page's style shows as one).
        Assert.Contains($"&lt;script&gt;alert(1)&lt;/script&gt; {marker}&#xA;Second line", card, StringComparison.Ordinal);
        Assert.Contains("Very dissatisfied", card, StringComparison.Ordinal);
        Assert.DoesNotContain("very-dissatisfied<", card, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"govuk-summary-list__value\" data-field=\"from\">/principles</dd>", card, StringComparison.Ordinal);
        Assert.Equal(Count("satisfaction = 'very-dissatisfied'"), CountShown(page.Html, "very-dissatisfied"));
        Assert.Equal(Count("1 = 1"), CountShown(page.Html, "total"));
    }

    [Fact]
    public async Task Each_feedback_says_when_it_arrived_in_uk_time()
    {
        var marker = Guid.NewGuid().ToString();
        using (var connection = portal.OpenDatabase())
        {
            // Summer: UK time is an hour ahead of UTC.
            connection.Execute(
                "INSERT INTO feedback (received_at, satisfaction, improvement) VALUES ('2027-07-01T11:30:00.000Z', 'neither', @marker)", new { marker });
        }

        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/staff/feedback");
        var card = Card((await chief.GetAsync("/staff/feedback")).Html, marker);

        Assert.Contains("12:30pm on 1 July 2027", card, StringComparison.Ordinal);
        Assert.Contains("Neither satisfied or dissatisfied", card, StringComparison.Ordinal);
        Assert.Contains("data-field=\"from\">Not known</dd>", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_of_feedback_run_newest_first_by_keyset_showing_each_once()
    {
        using (var connection = portal.OpenDatabase())
        {
            using var transaction = connection.BeginTransaction();
            for (var i = 0; i < 120; i++)
            {
                connection.Execute(
                    "INSERT INTO feedback (received_at, satisfaction, improvement) VALUES ('2027-01-10T09:00:00.000Z', 'satisfied', @text)",
                    new { text = $"Paged feedback {i}" }, transaction);
            }

            transaction.Commit();
        }

        using var admin = await portal.SignedInAsync(Staff.Admin, "/staff/feedback");
        var seen = new List<long>();
        var address = "/staff/feedback";
        for (var pages = 0; address is not null; pages++)
        {
            Assert.True(pages < 100, "the pages never end");
            var page = await admin.GetAsync(address);
            var ids = CardIds().Matches(page.Html).Select(m => long.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.InRange(ids.Count, 1, 50);
            var older = OlderLink().Match(page.Html);
            if (older.Success)
            {
                // A page with a next page is full, and the next page starts below its last id: no OFFSET.
                Assert.Equal(50, ids.Count);
                Assert.Equal(ids[^1].ToString(System.Globalization.CultureInfo.InvariantCulture), older.Groups["before"].Value);
            }

            seen.AddRange(ids);
            address = older.Success ? $"/staff/feedback?before={older.Groups["before"].Value}" : null;
        }

        using var database = portal.OpenDatabase();
        Assert.Equal(database.Query<long>("SELECT id FROM feedback ORDER BY id DESC"), seen);
    }

    [Fact]
    public async Task The_staff_area_links_to_the_feedback()
    {
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/staff");

        var page = await secretariat.GetAsync("/staff");

        Assert.Contains("<a class=\"govuk-link\" href=\"/staff/feedback\">Feedback on the service</a>", page.Html, StringComparison.Ordinal);
    }

    private long Count(string where)
    {
        using var connection = portal.OpenDatabase();
        return connection.ExecuteScalar<long>($"SELECT count(*) FROM feedback WHERE {where}");
    }

    /// <summary>The card of the feedback whose text holds <paramref name="marker"/>.</summary>
    private static string Card(string html, string marker)
    {
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"No feedback holding {marker} on the page.");
        var start = html.LastIndexOf("<div class=\"govuk-summary-card\"", at, StringComparison.Ordinal);
        var end = html.IndexOf("<div class=\"govuk-summary-card\"", at, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }

    private static long CountShown(string html, string satisfaction)
    {
        var row = Regex.Match(html, $"<tr class=\"govuk-table__row\" data-satisfaction=\"{satisfaction}\">.*?<td[^>]*>(?<count>[\\d,]+)</td>", RegexOptions.Singleline);
        Assert.True(row.Success, $"No count for {satisfaction}.");
        return long.Parse(row.Groups["count"].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("data-feedback=\"(?<id>\\d+)\"")]
    private static partial Regex CardIds();

    [GeneratedRegex("href=\"/staff/feedback\\?before=(?<before>\\d+)\" rel=\"next\"")]
    private static partial Regex OlderLink();
}
