using JointInspection.TestSupport;
using Microsoft.Playwright;

namespace JointInspection.EndToEnd;

/// <summary>
/// One real portal (Kestrel on a random loopback port, fresh SQLite file) and one headless Chromium for
/// the whole collection. Each test takes a new browser context of its own, so no cookies or storage leak
/// between tests.
/// </summary>
public sealed class PortalBrowserFixture : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Debian's Chromium: Playwright cannot download its own browser builds here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private PortalFactory? factory;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The portal's address, ending in a slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The portal's database, for tests that read what a person would find only in their email.</summary>
    public string ConnectionString => factory?.ConnectionString ?? throw new InvalidOperationException("The portal has not started.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not been launched.");

    public async Task InitializeAsync()
    {
        try
        {
            factory = new PortalFactory(onRealKestrel: true);
            // The development identity provider, so people can sign in for real in the browser.
            factory.Settings["DevServices:Identity:Enabled"] = "true";
            factory.StartServer();
            BaseAddress = factory.ClientOptions.BaseAddress;

            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
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
        catch
        {
            // A fixture whose start-up fails may never be disposed: close whatever did start.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh context (its own cookies, storage and settings) with pages that resolve paths against the portal.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseAddress.ToString();
        var context = await Browser.NewContextAsync(options);
        // Fail fast: every page here is local and small.
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(15_000);
        return context;
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
            await browser.DisposeAsync();
            browser = null;
        }

        playwright?.Dispose();
        playwright = null;

        if (factory is not null)
        {
            await factory.DisposeAsync();
            factory = null;
        }
    }

    /// <summary>The same clean-up for callers that know only IAsyncDisposable; safe to run twice.</summary>
    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}

/// <summary>The tests that share one portal and one browser; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PortalInABrowser : ICollectionFixture<PortalBrowserFixture>
{
    public const string Name = "Portal in a browser";
}
