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
        await page.ArriveAtAsync("**/dev/identity/**");
        await page.GetByLabel(personName).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ArriveAtAsync($"**{returnUrl}");
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
        await page.ArriveAtAsync($"**decided={reference}*");
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

    /// <summary>
    /// A stakeholder's suggestion about children on remand sent through the /suggest pages, the lead the first of
    /// <paramref name="taking"/> (the inspectorates' names as the form labels them); returns its reference.
    /// </summary>
    public static async Task<string> SuggestAsync(IPage page, string title, string name, string email, params string[] taking)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(taking);
        await page.GotoAsync("/suggest");
        await page.GetByLabel("Title of the topic").FillAsync(title);
        await page.GetByLabel("What should the inspection look at?").FillAsync("How children on remand are held, and for how long.");
        await page.GetByLabel("Why does it matter").FillAsync("Children held on remand often never receive a custodial sentence.");
        await ContinueAsync(page, "suggest/scope");
        await page.GetByLabel("Custodial conditions").CheckAsync();
        await ContinueAsync(page, "suggest/inspectorates");
        foreach (var inspectorate in taking)
        {
            await page.GetByRole(AriaRole.Group, new() { Name = "Which inspectorates should take part?" }).GetByLabel(inspectorate).CheckAsync();
        }

        await page.GetByRole(AriaRole.Group, new() { Name = "Which inspectorate should lead it?" }).GetByLabel(taking[0]).CheckAsync();
        await ContinueAsync(page, "suggest/timing");
        await page.GetByLabel("2022–23").CheckAsync();
        await ContinueAsync(page, "suggest/evidence");
        await ContinueAsync(page, "suggest/documents");
        await ContinueAsync(page, "suggest/about-you");
        await page.GetByLabel("Full name").FillAsync(name);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("As an individual").CheckAsync();
        await page.GetByLabel("Publish my suggestion with my name").CheckAsync();
        await ContinueAsync(page, "suggest/check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator(".govuk-panel--confirmation h1")).ToHaveTextAsync("Submission sent");
        return (await page.Locator(".govuk-panel--confirmation strong").InnerTextAsync()).Trim();
    }
}
