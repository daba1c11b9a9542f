using System.Net;
using Dapper;
using JointInspection.Tests.Site;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace JointInspection.Tests.Submissions;

public sealed class EmailConfirmationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now);
    private readonly PortalFactory portal;
    private readonly HttpClient client;

    public EmailConfirmationTests()
    {
        portal = new PortalFactory { Clock = clock };
        portal.Settings["Consultation:OpensAt"] = "2026-12-01T00:00:00Z";
        portal.Settings["Consultation:ClosesAt"] = "2027-02-18T23:59:00Z";
        client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public void Dispose() => portal.Dispose();

    /// <summary>Sends a submission and reads its confirmation link from the queued email, as the respondent would.</summary>
    private async Task<(string Reference, string Link)> SubmitAsync() =>
        (await SubmitWithStatusAsync()) is var (reference, link, _) ? (reference, link) : default;

    private async Task<(string Reference, string Link, Uri StatusUrl)> SubmitWithStatusAsync()
    {
        var created = await SampleSubmissions.SendAsync(client, SampleSubmissions.Response());
        using var connection = portal.OpenDatabase();
        var text = connection.ExecuteScalar<string>(
            "SELECT text_body FROM outbox_message WHERE purpose = @purpose ORDER BY id DESC LIMIT 1",
            new { purpose = SubmissionEmails.ConfirmationPurpose })!;
        var link = text.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/submissions/confirm/", StringComparison.Ordinal));
        return (created.Reference, new Uri(link).PathAndQuery, created.StatusUrl);
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PressConfirmAsync(string link)
    {
        var page = await PageParser.ParseAsync(await client.GetAsync(link));
        var token = page.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        return await PageParser.ParseAsync(await client.PostAsync(link, form));
    }

    [Fact]
    public async Task Opening_the_link_asks_first_and_confirming_marks_the_submission()
    {
        var (reference, link) = await SubmitAsync();

        var opened = await PageParser.ParseAsync(await client.GetAsync(link));
        Assert.Contains(reference, opened.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(ConfirmedAt(reference));

        var confirmed = await PressConfirmAsync(link);

        Assert.Equal("Email address confirmed", confirmed.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("2026-12-10T09:00:00.000Z", ConfirmedAt(reference));
    }

    [Fact]
    public async Task The_confirmed_page_says_what_happens_next_and_links_to_the_status_page()
    {
        var (reference, link, statusUrl) = await SubmitWithStatusAsync();

        var confirmed = await PressConfirmAsync(link);

        Assert.Contains("email you their decision", confirmed.QuerySelector("[data-field=next]")!.TextContent, StringComparison.Ordinal);
        var statusLink = confirmed.QuerySelector("a[data-field=status-link]")!;
        Assert.Equal(statusUrl.PathAndQuery, statusLink.GetAttribute("href"));
        var status = await PageParser.ParseAsync(await client.GetAsync(statusLink.GetAttribute("href")));
        Assert.Equal($"Submission {reference}", status.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_link_works_once()
    {
        var (_, link) = await SubmitAsync();
        await PressConfirmAsync(link);

        var again = await PageParser.ParseAsync(await client.GetAsync(link));

        Assert.Contains("already been used", again.QuerySelector("[data-field=state]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(again.QuerySelector("main form"));
    }

    [Fact]
    public async Task A_link_expires_after_seven_days_and_the_submission_is_kept_unconfirmed()
    {
        var (reference, link) = await SubmitAsync();
        clock.Advance(TimeSpan.FromDays(7));

        var page = await PageParser.ParseAsync(await client.GetAsync(link));

        Assert.Contains("expired", page.QuerySelector("[data-field=state]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("main form"));
        Assert.Null(ConfirmedAt(reference));
    }

    [Fact]
    public async Task An_unknown_link_is_not_found()
    {
        var response = await client.GetAsync("/submissions/confirm/forged-token");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private string? ConfirmedAt(string reference)
    {
        Assert.True(SubmissionReference.TryParse(reference, out var id));
        using var connection = portal.OpenDatabase();
        return connection.ExecuteScalar<string?>("SELECT email_confirmed_at FROM submission WHERE id = @id", new { id });
    }
}
