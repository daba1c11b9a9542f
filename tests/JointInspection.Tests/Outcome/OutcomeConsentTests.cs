using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace JointInspection.Tests.Outcome;

/// <summary>
/// Every public output of the outcome, read whole: nothing a respondent did not agree to publish, nothing staff withheld or
/// redacted, and no email address, in the page, the responses (every page, and searched), the JSON or the CSV.
/// </summary>
[Collection(ConcludedRoundTests.Name)]
public sealed partial class OutcomeConsentTests(ConcludedRound round)
{
    [Fact]
    public async Task No_output_of_the_outcome_publishes_a_secret_or_an_email_address()
    {
        using var client = round.Portal.CreateClient();
        var outputs = new Dictionary<string, string>();
        foreach (var path in new[]
        {
            "/programmes/2021-23/outcome", "/programmes/2021-23/outcome/responses", "/programmes/2021-23/outcome/responses?page=2",
            "/programmes/2021-23/outcome/responses?q=Riverside",
            $"/programmes/2021-23/outcome/responses?q=WITHHELD", $"/programmes/2021-23/outcome/responses?q=Quinn",
            "/api/v1/programmes/2021-23/decisions", "/api/v1/programmes/2021-23/decisions.csv",
            "/api/v1/programmes/2021-23/responses", "/api/v1/programmes/2021-23/responses.csv",
            $"/api/v1/programmes/2021-23/responses?q=NONE",
        })
        {
            using var response = await client.GetAsync(path);
            response.EnsureSuccessStatusCode();
            outputs[path] = await response.Content.ReadAsStringAsync();
        }

        foreach (var (path, output) in outputs)
        {
            foreach (var secret in round.Secrets.Concat(round.Emails))
            {
                Assert.False(output.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{path} publishes “{secret}”");
            }

            Assert.False(EmailAddress().IsMatch(output), $"{path} publishes an email address: {EmailAddress().Match(output).Value}");
        }

        // What may be published is: the marker where the passage was, and the names of those who agreed to be named.
        Assert.Contains("[redacted]", outputs["/programmes/2021-23/outcome/responses"], StringComparison.Ordinal);
        Assert.Contains("Howard League Cymru", outputs["/api/v1/programmes/2021-23/responses.csv"], StringComparison.Ordinal);
        var responses = new HtmlParser().ParseDocument(outputs["/programmes/2021-23/outcome/responses"]);
        Assert.Equal(6, responses.QuerySelectorAll("[data-response]").Length);
        // A word of the redacted passage finds nothing: the search reads the published copies alone.
        Assert.Equal("0 results for ‘Riverside’.", FoundText(outputs, "Riverside"));
    }

    private static string FoundText(Dictionary<string, string> outputs, string search)
    {
        var page = new HtmlParser().ParseDocument(outputs[$"/programmes/2021-23/outcome/responses?q={Uri.EscapeDataString(search)}"]);
        return page.QuerySelector("[data-field=found]")!.TextContent.Split("Clear")[0].Trim();
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+")]
    private static partial Regex EmailAddress();
}
