using Microsoft.Playwright;

namespace JointInspection.EndToEnd;

/// <summary>Debian's Chromium as every end-to-end test runs it, and its contexts' safety nets.</summary>
public static class HeadlessChromium
{
    /// <summary>Debian's Chromium: Playwright cannot download its own browser builds here.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private const float SafetyNetMilliseconds = 60_000;

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
    }

    /// <summary>A fresh context (its own cookies, storage and settings) whose pages resolve paths against <paramref name="baseAddress"/>.</summary>
    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri baseAddress, BrowserNewContextOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(baseAddress);
        options ??= new BrowserNewContextOptions();
        options.BaseURL = baseAddress.ToString();
        var context = await browser.NewContextAsync(options);
        // Safety nets, not expectations: every page here is local and small, but a machine busy with other work (two
        // cores running a build beside the tests) can take seconds over one, and a slow machine must not fail a test.
        context.SetDefaultTimeout(SafetyNetMilliseconds);
        context.SetDefaultNavigationTimeout(SafetyNetMilliseconds);
        Assertions.SetDefaultExpectTimeout(SafetyNetMilliseconds);
        return context;
    }
}
