using Microsoft.Playwright;
using static JointInspection.EndToEnd.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>What the browser's own Back and Reload buttons show once a response has been sent.</summary>
public sealed partial class SubmissionJourneyTests
{
    [Fact]
    public async Task Back_and_refresh_after_sending_show_the_reference_and_never_a_second_send()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var failures = new List<string>();

        await page.GotoAsync("/respond");
        await page.GetByLabel("The draft programme as a whole").CheckAsync();
        await ContinueAsync(page, "respond/response");
        await page.GetByLabel("I support it", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("What would you like to tell the chief inspectors?").FillAsync("Keep the focus on victims.");
        await ContinueAsync(page, "respond/documents");
        await ContinueAsync(page, "respond/about-you");
        await FillAboutYouAsync(page, "/respond/about-you", failures);
        await Expect(page).ToHaveURLAsync(Url("respond/check"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("respond/sent"));
        var reference = (await page.Locator(".govuk-panel--confirmation strong").InnerTextAsync()).Trim();
        Assert.Matches(ReferencePattern(), reference);
        var statusPath = await page.GetByRole(AriaRole.Link, new() { Name = "Follow what happens to it" }).GetAttributeAsync("href");

        await page.ReloadAsync();

        await Expect(page).ToHaveURLAsync(Url("respond/sent"));
        await Expect(page.Locator(".govuk-panel--confirmation strong")).ToHaveTextAsync(reference);

        await page.GoBackAsync();

        await Expect(page).ToHaveURLAsync(Url("respond/check"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("You have sent this response");
        await Expect(page.Locator("[data-field=reference]")).ToHaveTextAsync(reference);
        await Expect(page.Locator("[data-field=status-link]")).ToHaveAttributeAsync("href", statusPath!);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToHaveCountAsync(0);
        await Expect(page.Locator(".govuk-error-summary")).ToHaveCountAsync(0);
        await CheckAsync(page, "/respond/check (after sending)", failures);

        await page.ReloadAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("You have sent this response");
        await Expect(page.Locator("[data-field=reference]")).ToHaveTextAsync(reference);
        PageChecks.AssertNone(failures);
    }
}
