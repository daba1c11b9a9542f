using System.Net;
using Dapper;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Auth;

/// <summary>
/// Anyone can type anyone's email address into a form, so "Your submissions" shows in full only what the signed-in
/// person confirmed from their inbox; the rest is listed as not confirmed by them, without the words someone chose.
/// </summary>
public sealed class YourSubmissionsTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    private const string Sam = "sam.okafor@victims-voice.example";

    [Fact]
    public async Task Only_confirmed_submissions_show_their_titles_and_the_others_are_marked_not_confirmed_by_you()
    {
        using var api = new HttpClient { BaseAddress = portal.BaseAddress };
        var confirmed = await SampleSubmissions.SendAsync(api, SampleSubmissions.Suggestion(title: "Remand waiting times", email: Sam));
        var unconfirmed = await SampleSubmissions.SendAsync(api, SampleSubmissions.Suggestion(title: "Sam Okafor is a fraud", email: Sam));
        using (var database = portal.OpenDatabase())
        {
            await database.ExecuteAsync(
                "UPDATE submission SET email_confirmed_at = '2027-01-05T10:00:00.000Z' WHERE id = @id", new { id = long.Parse(confirmed.Reference[3..], System.Globalization.CultureInfo.InvariantCulture) });
        }

        using var browser = await portal.SignedInAsync(Sam, "/account/your-submissions", "stakeholder");
        var page = await browser.GetAsync("/account/your-submissions");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Remand waiting times", Row(page.Html, confirmed.Reference), StringComparison.Ordinal);
        Assert.DoesNotContain("fraud", page.Html, StringComparison.Ordinal);
        var other = Row(page.Html, unconfirmed.Reference);
        Assert.Contains("Not confirmed by you", other, StringComparison.Ordinal);
        Assert.DoesNotContain("Not confirmed by you", Row(page.Html, confirmed.Reference), StringComparison.Ordinal);

        // Only the confirmed one links to its status page: the page shows what was sent.
        Assert.Contains($"href=\"{confirmed.StatusUrl.PathAndQuery}\"", Row(page.Html, confirmed.Reference), StringComparison.Ordinal);
        Assert.DoesNotContain("href=", other, StringComparison.Ordinal);
        var status = await browser.GetAsync(confirmed.StatusUrl.PathAndQuery);
        Assert.Contains($"Submission {confirmed.Reference}", status.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_while_signed_in_with_that_verified_address_stores_it_confirmed_and_sends_no_confirmation_email()
    {
        const string email = "morgan.lee@mail.example";
        using var browser = await portal.SignedInAsync(email, "/respond", "stakeholder");

        var reference = await RespondAsync(browser, email);

        using var database = portal.OpenDatabase();
        Assert.True(Web.Features.Submissions.SubmissionReference.TryParse(reference, out var id));
        Assert.NotNull(await database.ExecuteScalarAsync<string?>("SELECT email_confirmed_at FROM submission WHERE id = @id", new { id }));
        Assert.Equal(0, await database.ExecuteScalarAsync<long>("SELECT count(*) FROM email_confirmation WHERE submission_id = @id", new { id }));
        var emails = (await database.QueryAsync<(string Purpose, string Text)>(
            "SELECT purpose, text_body FROM outbox_message WHERE submission_id = @id", new { id })).ToList();
        var receipt = Assert.Single(emails);
        Assert.Equal("acknowledgement", receipt.Purpose);
        Assert.Contains("already confirmed", receipt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_while_signed_in_with_another_address_still_asks_for_that_address_to_be_confirmed()
    {
        using var browser = await portal.SignedInAsync("morgan.lee@mail.example", "/respond", "stakeholder");

        var reference = await RespondAsync(browser, "someone.else@mail.example");

        using var database = portal.OpenDatabase();
        Assert.True(Web.Features.Submissions.SubmissionReference.TryParse(reference, out var id));
        Assert.Null(await database.ExecuteScalarAsync<string?>("SELECT email_confirmed_at FROM submission WHERE id = @id", new { id }));
        Assert.Equal(1, await database.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox_message WHERE submission_id = @id AND purpose = 'email-confirmation'", new { id }));
    }

    /// <summary>Walks the respond journey's forms as the signed-in browser, returning the reference the sent page shows.</summary>
    private static async Task<string> RespondAsync(TestBrowser browser, string email)
    {
        (string, string)[][] steps =
        [
            [("responseTo", "programme")],
            [("stance", "support"), ("text", "Sent while signed in.")],
            [],
            [("name", "Sam Okafor"), ("email", email), ("respondentType", "individual"), ("publicationConsent", "none")],
            [],
        ];
        var page = await browser.GetAsync("/respond");
        foreach (var fields in steps)
        {
            page = await browser.SubmitAsync(page, page.FindForm("novalidate")!, null, fields);
            Assert.Equal(HttpStatusCode.OK, page.Status);
        }

        Assert.EndsWith("/respond/sent", page.Address.AbsolutePath, StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Match(page.Html, @"JI-\d{6}").Value;
    }

    /// <summary>The table row for <paramref name="reference"/>, which the test fails without.</summary>
    private static string Row(string html, string reference)
    {
        var start = html.IndexOf($"data-reference=\"{reference}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row for {reference}.");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
