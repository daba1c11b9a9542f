using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>Steps several journeys take the same way, so a change to a page is followed in one place.</summary>
public static class BrowserSteps
{
    /// <summary>Presses Continue and waits for the journey to move on to <paramref name="next"/> (a path relative to the site root).</summary>
    public static async Task ContinueAsync(IPage page, string next)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/{Regex.Escape(next)}$"));
    }

    /// <summary>Signs in as the demo staff member <paramref name="personName"/> on the development identity provider's page, and waits to land on <paramref name="returnUrl"/>.</summary>
    public static async Task SignInAsStaffAsync(IPage page, string personName, string returnUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/account/sign-in/staff?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.WaitForURLAsync("**/dev/identity/**");
        await page.GetByLabel(personName).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync($"**{returnUrl}");
    }

    /// <summary>
    /// From the decision page's "Continue", past the preview of the respondent's email, to the decision recorded: waits
    /// for the page a chief inspector goes to next, which names it.
    /// </summary>
    public static async Task RecordTheDecisionAsync(IPage page, string reference)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator("[data-field=preview-subject]")).ToContainTextAsync(reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await page.WaitForURLAsync($"**decided={reference}*");
    }

    /// <summary>The chief inspector <paramref name="personName"/>, in a browser of their own, agrees the decision on <paramref name="reference"/> for <paramref name="inspectorate"/>.</summary>
    public static async Task AgreeAsync(IBrowserContext context, string personName, string inspectorate, string reference)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = await context.NewPageAsync();
        await SignInAsStaffAsync(page, personName, $"/triage/{reference}/decide");
        await page.GetByLabel($"Yes, {inspectorate} agrees").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send your answer" }).ClickAsync();
        await Expect(page.Locator("[data-field=answered]")).ToContainTextAsync("Your agreement has been recorded.");
    }
}
