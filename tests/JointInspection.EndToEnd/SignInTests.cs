using Microsoft.Playwright;

namespace JointInspection.EndToEnd;

/// <summary>Signing in and out in the browser, through the development identity provider.</summary>
[Collection(PortalInABrowser.Name)]
public sealed class SignInTests(PortalBrowserFixture portal)
{
    [Fact]
    public async Task A_chief_inspector_signs_in_reaches_the_staff_area_and_signs_out()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var failures = new List<string>();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "/account/sign-in"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as staff" }).ClickAsync();
        await page.ArriveAtAsync("**/dev/identity/**");
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "provider sign-in page"));
        await page.GetByLabel("Justin Russell").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.ArriveAtAsync("**/staff");
        Assert.Equal("Justin Russell (justin.russell@hmi-probation.example)", (await page.Locator("[data-field=email]").InnerTextAsync()).Trim());
        Assert.Equal("Chief inspector", (await page.Locator("[data-field=roles]").InnerTextAsync()).Trim());
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "/staff"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.ArriveAtAsync("**/account/signed-out");
        Assert.Equal("You have signed out", (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.GotoAsync("/staff");
        Assert.EndsWith("/account/sign-in?ReturnUrl=%2Fstaff", page.Url, StringComparison.Ordinal);
        PageChecks.AssertNone(failures);
    }

    [Fact]
    public async Task A_stakeholder_signs_in_sees_their_submissions_and_has_their_details_filled_in()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in to see your submissions" }).ClickAsync();
        await page.ArriveAtAsync("**/dev/identity/**");
        await page.GetByLabel("Sam Okafor").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.ArriveAtAsync("**/account/your-submissions");
        Assert.Equal("Your submissions", (await page.Locator("h1").InnerTextAsync()).Trim());
        PageChecks.AssertNone(await PageChecks.AxeFailuresAsync(page, "/account/your-submissions"));

        await page.GotoAsync("/respond/about-you");
        Assert.Equal("Sam Okafor", await page.Locator("#name").InputValueAsync());
        Assert.Equal("sam.okafor@victims-voice.example", await page.Locator("#email").InputValueAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.ArriveAtAsync("**/account/signed-out");
    }
}
