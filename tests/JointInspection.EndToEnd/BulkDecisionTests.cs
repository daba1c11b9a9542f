using JointInspection.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>
/// Deciding on several submissions at once in Chromium: a chief inspector finds the responses to one workstream in the
/// queue, ticks them all with MoJ's "Select all", notes them with one set of reasons, sees each recorded, and each
/// respondent's own outcome email arrives.
/// </summary>
[Collection(PortalInABrowser.Name)]
public sealed class BulkDecisionTests(PortalBrowserFixture portal)
{
    // A word no other test in the collection uses, so the search finds these responses alone whatever ran first.
    private const string Word = "Tollemarsh";

    [Fact]
    public async Task A_chief_inspector_notes_all_the_responses_found_in_the_queue_at_once()
    {
        var references = new List<string>();
        using (var client = portal.CreateHttpClient())
        {
            for (var i = 1; i <= 3; i++)
            {
                var sent = await SampleSubmissions.SendAsync(
                    client, SampleSubmissions.Response($"Mental health services in {Word}, point {i}.", $"tollemarsh-{i}@mail.example", "mental-health"));
                references.Add(sent.Reference);
            }
        }

        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var failures = new List<string>();
        await BrowserSteps.SignInAsStaffAsync(page, "Justin Russell", "/triage");
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync(Word);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.ArriveAtAsync($"**/triage?*q={Word}*");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(3);
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "queue with checkboxes"));

        // MoJ's "Select all" label has no visible text, only the box GOV.UK draws over the input: a person clicks the box.
        await page.GetByLabel("Select all").CheckAsync(new() { Force = true });
        await Expect(page.Locator("tbody input[name=selected]:checked")).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Button, new() { Name = "Decide on the selected submissions" }).ClickAsync();
        await page.ArriveAtAsync("**/triage/decide-several?*");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Decide on several submissions");
        await Expect(page.Locator("input[name=selected]:checked")).ToHaveCountAsync(3);
        failures.AddRange(await PageChecks.AxeFailuresWaivingRevealingControlsAsync(page, "bulk decision page"));

        await page.GetByLabel("Noted").CheckAsync();
        await page.GetByLabel("Reasons for the decision").FillAsync("Thank you: the mental health workstream already looks at this.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decisions" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("3 decisions recorded");
        await Expect(page.Locator("[data-field=saved] tbody tr")).ToHaveCountAsync(3);
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "bulk decision recorded"));
        PageChecks.AssertNone(failures);

        // Each respondent gets an email of their own.
        for (var i = 0; i < 3; i++)
        {
            var email = await portal.WaitForEmailAsync($"tollemarsh-{i + 1}@mail.example", $"Decision on {references[i]}");
            Assert.Contains("Thank you: the mental health workstream already looks at this.", email.TextBody, StringComparison.Ordinal);
        }
    }
}
