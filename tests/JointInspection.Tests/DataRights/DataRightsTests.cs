using System.Net;
using System.Text.Json;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.DataRights;

namespace JointInspection.Tests.DataRights;

/// <summary>
/// A respondent's rights from their status link: everything held, on the page and as JSON and HTML files; the list of
/// everything sent with their address, only by email to it; a correction asked for, acknowledged and answered by the
/// secretariat, with its one-month clock. Each test sends from an address of its own, so tests sharing the portal do
/// not see each other's submissions.
/// </summary>
public sealed class DataRightsTests(DataRightsTests.Portal fixture) : IClassFixture<DataRightsTests.Portal>
{
    private readonly PortalWithDevIdentity portal = fixture.Identity;

    public sealed class Portal : IDisposable
    {
        public PortalWithDevIdentity Identity { get; } = new();

        public void Dispose() => Identity.Dispose();
    }

    [Fact]
    public async Task The_status_page_leads_to_everything_held_and_its_downloads()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        var sent = await SampleSubmissions.SendAsync(portal.CreateClient(), SampleSubmissions.Response("Probation caseloads are too high.", email));
        using var respondent = portal.NewBrowser();

        var status = await respondent.GetAsync(sent.StatusUrl.PathAndQuery);
        var yourData = await respondent.GetAsync(Href(status.Html, "your-data"));

        Assert.Equal(HttpStatusCode.OK, yourData.Status);
        Assert.Contains(sent.Reference, yourData.Html, StringComparison.Ordinal);
        Assert.Contains(email, yourData.Html, StringComparison.Ordinal);
        Assert.Contains("Probation caseloads are too high.", yourData.Html, StringComparison.Ordinal);
        Assert.Contains("We have received your submission", yourData.Html, StringComparison.Ordinal);
        Assert.Equal("no-store", yourData.Headers["Cache-Control"]);

        using var json = await respondent.SendAsync(new HttpRequestMessage(HttpMethod.Get, yourData.Address + "?handler=json"));
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"{sent.Reference}-your-data.json", json.Content.Headers.ContentDisposition.FileNameStar ?? json.Content.Headers.ContentDisposition.FileName);
        using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal(sent.Reference, document.RootElement.GetProperty("reference").GetString());
        Assert.Contains(document.RootElement.GetProperty("answers").EnumerateArray(), a => a.GetProperty("answer").GetString() == email);

        using var html = await respondent.SendAsync(new HttpRequestMessage(HttpMethod.Get, yourData.Address + "?handler=html"));
        var file = await html.Content.ReadAsStringAsync();
        Assert.StartsWith("attachment", html.Content.Headers.ContentDisposition?.ToString() ?? html.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        Assert.Contains("Probation caseloads are too high.", file, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", file, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("govuk-header", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Everything_sent_with_an_address_is_listed_only_by_email_to_it()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        var first = await SampleSubmissions.SendAsync(portal.CreateClient(), SampleSubmissions.Response("First.", email));
        var second = await SampleSubmissions.SendAsync(portal.CreateClient(), SampleSubmissions.Response("Second.", email.ToUpperInvariant()));
        using var respondent = portal.NewBrowser();
        var page = await respondent.GetAsync(first.StatusUrl.PathAndQuery + "/your-data");

        var asked = await respondent.SubmitAsync(page, page.FindForm("handler=Everything")!);

        Assert.Contains("data-field=\"asked\"", asked.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Reference, asked.Html, StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        var (to, text) = connection.QuerySingle<(string, string)>(
            "SELECT to_address, text_body FROM outbox_message WHERE purpose = @purpose AND lower(to_address) = lower(@email)",
            new { purpose = DataRightsEmails.EverythingPurpose, email });
        Assert.Equal(email, to);
        Assert.Contains(first.Reference, text, StringComparison.Ordinal);
        Assert.Contains(second.Reference, text, StringComparison.Ordinal);
        Assert.Contains(second.StatusUrl.AbsolutePath, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_is_checked_acknowledged_and_answered_by_the_secretariat_within_its_month()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        var sent = await SampleSubmissions.SendAsync(portal.CreateClient(), SampleSubmissions.Response("Text.", email));
        using var respondent = portal.NewBrowser();
        var form = await respondent.GetAsync(sent.StatusUrl.PathAndQuery + "/correction");

        var empty = await respondent.SubmitAsync(form, form.FindForm("method=\"post\"")!, null, ("details", "  "));
        Assert.Contains("Enter what needs correcting", empty.Html, StringComparison.Ordinal);
        var tooLong = new string('x', DataRequests.DetailsMax + 1);
        var refused = await respondent.SubmitAsync(form, form.FindForm("method=\"post\"")!, null, ("details", tooLong));
        Assert.Contains("must be 2,000 characters or fewer", refused.Html, StringComparison.Ordinal);
        Assert.Contains(tooLong, refused.Html, StringComparison.Ordinal);
        Assert.Equal(0, Requests(sent.Reference));

        var asked = await respondent.SubmitAsync(form, form.FindForm("method=\"post\"")!, null, ("details", "My surname is Patel, not Patal."));
        var again = await respondent.SubmitAsync(form, form.FindForm("method=\"post\"")!, null, ("details", "Patel, please."));

        Assert.Equal("/your-data", asked.Address.AbsolutePath[^10..]);
        Assert.Contains("data-field=\"asked\"", again.Html, StringComparison.Ordinal);
        Assert.Equal(1, Requests(sent.Reference));
        using var connection = portal.OpenDatabase();
        var request = connection.QuerySingle<(long Id, string ReceivedAt, string DueAt)>(
            "SELECT id, received_at, due_at FROM data_request WHERE submission_id = @id", new { id = Id(sent.Reference) });
        Assert.Equal(DateTimeOffset.Parse(request.ReceivedAt, System.Globalization.CultureInfo.InvariantCulture).Date.AddMonths(1), DateTimeOffset.Parse(request.DueAt, System.Globalization.CultureInfo.InvariantCulture).Date);
        Assert.Equal(1, connection.ExecuteScalar<long>(
            "SELECT count(*) FROM outbox_message WHERE purpose = @purpose AND to_address = @email", new { purpose = DataRightsEmails.AcknowledgementPurpose, email }));

        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/manage/data-requests");
        var list = await secretariat.GetAsync("/manage/data-requests");
        Assert.Contains($"data-request=\"{request.Id}\"", list.Html, StringComparison.Ordinal);
        Assert.Contains("Due ", list.Html, StringComparison.Ordinal);
        var detail = await secretariat.GetAsync($"/manage/data-requests/{request.Id}");
        Assert.Contains("My surname is Patel, not Patal.", detail.Html, StringComparison.Ordinal);
        var noReply = await secretariat.SubmitAsync(detail, detail.FindForm("handler=Reply")!, null, ("reply", ""));
        Assert.Contains("Enter your reply to the respondent", noReply.Html, StringComparison.Ordinal);
        var answered = await secretariat.SubmitAsync(detail, detail.FindForm("handler=Reply")!, null, ("reply", "We have corrected your surname."));

        Assert.Contains("data-field=\"closed\"", answered.Html, StringComparison.Ordinal);
        Assert.Null(answered.FindForm("handler=Reply"));
        Assert.Equal("We have corrected your surname.", connection.ExecuteScalar<string>(
            "SELECT text_body FROM outbox_message WHERE purpose = @purpose AND to_address = @email", new { purpose = DataRightsEmails.ReplyPurpose, email })!.Split("\n\n")[^1].Trim());
        // Answering again from the old page sends nothing more.
        await secretariat.SubmitAsync(detail, detail.FindForm("handler=Reply")!, null, ("reply", "Again."));
        Assert.Equal(1, connection.ExecuteScalar<long>(
            "SELECT count(*) FROM outbox_message WHERE purpose = @purpose AND to_address = @email", new { purpose = DataRightsEmails.ReplyPurpose, email }));
    }

    [Fact]
    public async Task Only_the_secretariat_reads_the_requests()
    {
        using var anonymous = portal.NewBrowser();
        var refused = await anonymous.GetAsync("/manage/data-requests", stopAt: _ => true);
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);

        using var admin = await portal.SignedInAsync(Staff.Admin, "/triage");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/manage/data-requests")).Status);
    }

    [Fact]
    public async Task An_unknown_status_link_shows_nothing()
    {
        using var anyone = portal.NewBrowser();

        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/submissions/forged/your-data")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/submissions/forged/your-data?handler=json")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/submissions/forged/erasure")).Status);
    }

    private static string Href(string html, string field)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"href=\"([^\"]+)\"[^>]*data-field=\"{field}\"");
        Assert.True(match.Success, $"No link marked {field}.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static long Id(string reference) =>
        Web.Features.Submissions.SubmissionReference.TryParse(reference, out var id) ? id : throw new ArgumentException(reference);

    private long Requests(string reference)
    {
        using var connection = portal.OpenDatabase();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM data_request WHERE submission_id = @id", new { id = Id(reference) });
    }
}
