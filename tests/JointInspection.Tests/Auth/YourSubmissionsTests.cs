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
    }

    /// <summary>The table row for <paramref name="reference"/>, which the test fails without.</summary>
    private static string Row(string html, string reference)
    {
        var start = html.IndexOf($"data-reference=\"{reference}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row for {reference}.");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
