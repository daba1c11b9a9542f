using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

[Collection(PortalInABrowser.Name)]
public sealed class JourneyTests(PortalBrowserFixture portal)
{
    [Fact]
    public async Task A_person_reads_the_programme_and_opens_a_workstream()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });
        var draftProgramme = menu.GetByRole(AriaRole.Link, new() { Name = "Draft programme", Exact = true });

        await page.GotoAsync("/");
        await Expect(draftProgramme).Not.ToHaveAttributeAsync("aria-current", new Regex(".*"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Read the draft programme", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(portal.BaseAddress, "programmes/2021-23").ToString());
        await Expect(page.Locator("h1")).ToContainTextAsync("Draft joint inspection programme");
        await Expect(draftProgramme).ToHaveAttributeAsync("aria-current", "page");

        await page.GetByRole(AriaRole.Link, new() { Name = "Case file quality", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(portal.BaseAddress, "programmes/2021-23/workstreams/case-file-quality").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Case file quality");
        await Expect(page.Locator("dd[data-field=lead]")).ToHaveTextAsync("HMCPSI");
        await Expect(page.Locator("dd[data-field=supporting]")).ToHaveTextAsync("HMICFRS");
        // A page inside the section: the section's item is current, and no other is.
        await Expect(draftProgramme).ToHaveAttributeAsync("aria-current", "true");
        await Expect(menu.Locator("a[aria-current]")).ToHaveCountAsync(1);
    }
}
