using System.Text.Json;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Similarity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>
/// A campaign in Chromium: thirty copies of one text and two other wordings of the same idea arrive through the API;
/// the portal proposes them as one group in the background (copies by fingerprint, the other wordings by the language
/// model); a chief inspector finds the group from the queue, confirms it, notes all its submissions at once, and each
/// respondent's own email arrives.
/// </summary>
[Collection(PortalInABrowser.Name)]
public sealed class CampaignTests(PortalBrowserFixture portal)
{
    private const int Copies = 30;

    [Fact]
    public async Task Thirty_copies_and_two_paraphrases_become_one_group_that_is_confirmed_and_noted_at_once()
    {
        // From the labelled sample: one text about county lines, and two independent wordings of the same idea.
        var (campaign, paraphrases) = SampleTexts("t43", "t44", "t45");
        var emails = Enumerable.Range(1, Copies + 2).Select(i => $"county-lines-{i}@mail.example").ToList();
        var references = new List<string>();
        using (var client = portal.CreateHttpClient())
        {
            for (var i = 0; i < emails.Count; i++)
            {
                var text = i < Copies ? campaign : paraphrases[i - Copies];
                references.Add((await SampleSubmissions.SendAsync(client, SampleSubmissions.Response(text, emails[i]))).Reference);
            }
        }

        using (var patience = new CancellationTokenSource(TestPatience.SafetyNet))
        {
            await portal.Services.GetRequiredService<SimilarityRunner>().WhenIdleAsync(patience.Token);
        }

        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var failures = new List<string>();
        await BrowserSteps.SignInAsStaffAsync(page, "Justin Russell", "/triage?assigned=");
        await page.GetByRole(AriaRole.Link, new() { Name = "Campaigns and duplicates" }).ClickAsync();
        var group = page.Locator("[data-field=groups] tbody tr").Filter(new() { HasText = "Campaign: 32 respondents, 3 distinct texts" });
        await Expect(group).ToHaveCountAsync(1);
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "groups to confirm"));

        await group.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Campaign: 32 respondents, 3 distinct texts");
        await Expect(page.Locator("[data-field=members] tbody tr")).ToHaveCountAsync(Copies + 2);
        await Expect(page.Locator("[data-field=text]")).ToHaveCountAsync(3);
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "a proposed group"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the group" }).ClickAsync();
        await Expect(page.Locator("[data-field=done]")).ToHaveTextAsync("Group confirmed: 32 submissions confirmed in it.");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Decide on all {Copies + 2}" }).ClickAsync();
        await page.ArriveAtAsync("**/triage/decide-several?*");
        await Expect(page.Locator("input[name=selected]:checked")).ToHaveCountAsync(Copies + 2);
        await page.GetByLabel("Noted").CheckAsync();
        await page.GetByLabel("Reasons for the decision").FillAsync("Thank you. County lines exploitation is already in the programme's youth work.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decisions" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync($"{Copies + 2} decisions recorded");
        PageChecks.AssertNone(failures);

        // Each respondent gets an email of their own.
        for (var i = 0; i < emails.Count; i++)
        {
            var email = await portal.WaitForEmailAsync(emails[i], $"Decision on {references[i]}");
            Assert.Contains("County lines exploitation is already in the programme's youth work.", email.TextBody, StringComparison.Ordinal);
        }
    }

    private static (string First, string[] Others) SampleTexts(string first, params string[] others)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root(), "tests", "JointInspection.Tests", "Similarity", "labelled-sample.json")));
        var texts = json.RootElement.GetProperty("texts").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("text").GetString()!);
        return (texts[first], [.. others.Select(id => texts[id])]);
    }
}
