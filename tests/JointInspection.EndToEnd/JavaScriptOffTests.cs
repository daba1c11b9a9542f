using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

[Collection(PortalInABrowser.Name)]
public sealed partial class JavaScriptOffTests(PortalBrowserFixture portal)
{
    [Fact]
    public async Task Programme_lists_every_workstream_and_links_to_its_page_without_JavaScript()
    {
        await using var context = await portal.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/programmes/2021-23");
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        // The page's own scripts really did not run: supported.js would have marked the body.
        await Expect(page.Locator("body")).Not.ToHaveClassAsync(JsEnabledClass());

        await Expect(page.Locator("li[data-workstream]")).ToHaveCountAsync(16);

        await page.Locator("li[data-workstream]")
            .GetByRole(AriaRole.Link, new() { Name = "Mental health", Exact = true })
            .ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(portal.BaseAddress, "programmes/2021-23/workstreams/mental-health").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Mental health");
        await Expect(page.Locator("dd[data-field=lead]")).ToHaveTextAsync("HMI Probation");
    }

    [GeneratedRegex(@"\bjs-enabled\b")]
    private static partial Regex JsEnabledClass();
}
