using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

[Collection(PortalInABrowser.Name)]
public sealed class KeyboardTests(PortalBrowserFixture portal)
{
    [Fact]
    public async Task First_Tab_shows_the_skip_link_and_Enter_moves_to_the_main_content()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        var skipLink = page.Locator("a.govuk-skip-link");
        await Expect(skipLink).ToHaveAttributeAsync("href", "#main-content");
        // Until focused it is visually hidden (a 1px clipped box), so the size check below means something.
        var hidden = await skipLink.BoundingBoxAsync();
        Assert.True(hidden is null || hidden.Width <= 1 || hidden.Height <= 1, $"Skip link is visible before focus: {hidden?.Width}x{hidden?.Height}");

        await page.Keyboard.PressAsync("Tab");

        await Expect(skipLink).ToBeFocusedAsync();
        await Expect(skipLink).ToBeVisibleAsync();
        await Expect(skipLink).ToBeInViewportAsync();
        var shown = await skipLink.BoundingBoxAsync();
        Assert.NotNull(shown);
        Assert.True(shown.Width > 20 && shown.Height > 10, $"Focused skip link is only {shown.Width}x{shown.Height} px");
        Assert.Equal("none", await skipLink.EvaluateAsync<string>("link => getComputedStyle(link).clipPath"));

        await page.Keyboard.PressAsync("Enter");

        await page.WaitForFunctionAsync(
            "() => location.hash === '#main-content' || document.activeElement?.closest('#main-content') !== null");
        var hash = await page.EvaluateAsync<string>("() => location.hash");
        var focusInMain = await page.EvaluateAsync<bool>("() => document.activeElement?.closest('#main-content') !== null");
        Assert.True(hash == "#main-content" || focusInMain, $"After Enter: hash '{hash}', focus in main {focusInMain}");
        await Expect(page.Locator("#main-content")).ToBeInViewportAsync();
    }
}
