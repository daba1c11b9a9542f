using System.Text.RegularExpressions;
using JointInspection.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>
/// Recommendation, then decision, in a real browser: the secretariat recommends declining a suggestion, a chief inspector
/// finds "Recommended: decline" in the queue, opens the decision form already filled in from it, looks at rejecting it,
/// then takes it as it stands; the respondent's only email about it is the decision's. Every page passes axe.
/// </summary>
[Collection(PortalInABrowser.Name)]
public sealed class RecommendationTests(PortalBrowserFixture portal)
{
    // A word no other test in the collection uses, so the search finds this suggestion whatever ran first.
    private const string Word = "Quenby";
    private const string Respondent = "quenby.parent@mail.example";
    private const string Reasons = "The youth custody workstream already covers remand, so a separate inspection would repeat it.";

    [Fact]
    public async Task The_secretariat_recommends_and_a_chief_inspector_takes_the_recommendation_from_the_queue()
    {
        var failures = new List<string>();
        using var http = portal.CreateHttpClient();
        var reference = (await SampleSubmissions.SendAsync(http, SampleSubmissions.Suggestion($"Remand in {Word}", email: Respondent))).Reference;

        await using (var secretariat = await portal.NewContextAsync())
        {
            var page = await secretariat.NewPageAsync();
            await BrowserSteps.SignInAsStaffAsync(page, "Priya Shah", $"/triage/{reference}");
            await page.GetByRole(AriaRole.Link, new() { Name = "Recommend a decision" }).ClickAsync();
            await page.ArriveAtAsync($"**/triage/{reference}/recommend");
            await Expect(page.Locator("h1")).ToHaveTextAsync($"Recommend a decision on {reference}");
            failures.AddRange(await PageChecks.AxeFailuresWaivingRevealingControlsAsync(page, "recommend page"));

            // Sending nothing: the errors, each linking to its field.
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the recommendation" }).ClickAsync();
            await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
            await Expect(page.Locator(".govuk-error-summary a")).ToHaveTextAsync(
                ["Select a decision for this suggestion: accept, merge, defer or decline", "Give the reasons for the decision: the respondent will read them"]);
            failures.AddRange(await PageChecks.AxeFailuresWaivingRevealingControlsAsync(page, "recommend page with errors"));

            await page.GetByRole(AriaRole.Group, new() { Name = "What do you recommend the chief inspectors decide?" }).GetByLabel("Decline", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Reasons for the recommendation").FillAsync(Reasons);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the recommendation" }).ClickAsync();
            await page.ArriveAtAsync($"**/triage/{reference}");
            await Expect(page.Locator("[data-field=done]")).ToContainTextAsync("Recommendation saved: decline.");
            await Expect(page.Locator("[data-field=recommendation-status]")).ToHaveTextAsync("Open: waiting for a chief inspector");
            failures.AddRange(await PageChecks.AxeFailuresAsync(page, "submission page with a recommendation"));
        }

        await using (var chiefInspector = await portal.NewContextAsync())
        {
            var page = await chiefInspector.NewPageAsync();
            await BrowserSteps.SignInAsStaffAsync(page, "Justin Russell", $"/triage?q={Word}");
            await Expect(page.Locator($"tbody tr[data-reference={reference}] [data-field=recommended]")).ToHaveTextAsync("Recommended: decline");
            failures.AddRange(await PageChecks.AxeFailuresAsync(page, "queue with a recommendation"));

            await page.GotoAsync($"/triage/{reference}/decide");
            await Expect(page.Locator("[data-field=started-from-recommendation]")).ToContainTextAsync("This form starts from the secretariat's recommendation: Decline, by Priya Shah");
            await Expect(page.GetByLabel("Decline", new() { Exact = true })).ToBeCheckedAsync();
            await Expect(page.GetByLabel("Reasons for the decision")).ToHaveValueAsync(Reasons);
            failures.AddRange(await PageChecks.AxeFailuresWaivingRevealingControlsAsync(page, "decision page started from a recommendation"));

            // The way to reject it, with its reason required; then back, to take it instead.
            await page.GetByRole(AriaRole.Link, new() { Name = "Reject the recommendation" }).ClickAsync();
            await page.ArriveAtAsync($"**/triage/{reference}/recommendation/reject");
            failures.AddRange(await PageChecks.AxeFailuresAsync(page, "reject page"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Reject the recommendation" }).ClickAsync();
            await Expect(page.Locator(".govuk-error-summary a")).ToHaveTextAsync(["Say why you are rejecting the recommendation: the secretariat will read it"]);
            failures.AddRange(await PageChecks.AxeFailuresAsync(page, "reject page with an error"));
            await page.GetByRole(AriaRole.Link, new() { Name = "Record a decision instead" }).ClickAsync();
            await page.ArriveAtAsync($"**/triage/{reference}/decide");

            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await Expect(page.Locator("[data-field=preview-body]")).ToContainTextAsync(Reasons);
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
            await page.ArriveAtAsync($"**decided={reference}*");
            await page.GotoAsync($"/triage/{reference}");
            await Expect(page.Locator("[data-field=recommendation-status]")).ToContainTextAsync("Taken: Justin Russell recorded a decision starting from it");
            await Expect(page.Locator("[data-field=decision]")).ToHaveTextAsync("Declined. It will not be added to the programme.");
        }

        var email = await portal.WaitForEmailAsync(Respondent, $"Decision on {reference}");
        Assert.Contains(Reasons, email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("ecommend", email.TextBody, StringComparison.Ordinal);
        PageChecks.AssertNone(failures);
    }
}
