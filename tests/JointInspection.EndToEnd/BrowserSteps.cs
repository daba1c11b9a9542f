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
}
