using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>Feedback in the browser: from the Beta banner, through a mistake, to the staff page.</summary>
[Collection(PortalInABrowser.Name)]
public sealed class FeedbackTests(PortalBrowserFixture portal)
{
    [Fact]
    public async Task A_person_gives_feedback_from_the_banner_and_staff_read_it()
    {
        // Words no other test sends, so the staff page shows this feedback whatever ran first.
        var words = $"The principles page could use shorter sentences ({Guid.NewGuid():N}).";
        var failures = new List<string>();

        await using (var context = await portal.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/principles");
            await page.Locator(".govuk-phase-banner").GetByRole(AriaRole.Link, new() { Name = "give your feedback" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/feedback\\?from=%2Fprinciples$"));

            await page.GetByLabel("How could we improve this service?").FillAsync(words);
            await page.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
            await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select how you felt about this service");
            // What was typed is still there to send.
            await Expect(page.GetByLabel("How could we improve this service?")).ToHaveValueAsync(words);
            failures.AddRange(await PageChecks.AxeFailuresAsync(page, "feedback with errors"));

            await page.GetByLabel("Satisfied", new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/feedback/sent$"));
            await Expect(page.Locator("h1")).ToHaveTextAsync("Thank you for your feedback");
        }

        await using (var staff = await portal.NewContextAsync())
        {
            var page = await staff.NewPageAsync();
            await BrowserSteps.SignInAsStaffAsync(page, "Priya Shah", "/staff");
            await page.GetByRole(AriaRole.Link, new() { Name = "Feedback on the service" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/staff/feedback$"));

            var card = page.Locator(".govuk-summary-card", new() { HasText = words });
            await Expect(card).ToHaveCountAsync(1);
            await Expect(card.Locator("[data-field=satisfaction]")).ToHaveTextAsync("Satisfied");
            await Expect(card.Locator("[data-field=from]")).ToHaveTextAsync("/principles");
        }

        PageChecks.AssertNone(failures);
    }
}
