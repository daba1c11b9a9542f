using JointInspection.DevServices;
using JointInspection.TestSupport;
using Microsoft.Playwright;

namespace JointInspection.EndToEnd;

/// <summary>
/// One real portal (Kestrel on a random loopback port, fresh SQLite file, sending its email over SMTP to a real
/// mail server on another loopback port) and one headless Chromium for the whole collection. Each test takes a new browser context of its own, so no cookies or storage leak
/// between tests.
/// </summary>
public sealed class PortalBrowserFixture : IAsyncLifetime, IAsyncDisposable
{
    private DevMailbox? mailbox;
    private PortalFactory? factory;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The portal's address, ending in a slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The portal's database, for tests that read what a person would find only in their email.</summary>
    public string ConnectionString => factory?.ConnectionString ?? throw new InvalidOperationException("The portal has not started.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not been launched.");

    /// <summary>The portal's services, for a test that must tell one of them what it changed in the database.</summary>
    public IServiceProvider Services => factory?.Services ?? throw new InvalidOperationException("The portal has not started.");

    public async Task InitializeAsync()
    {
        try
        {
            // The mail server is listening before the portal starts, so no email has to wait for a retry.
            mailbox = new DevMailbox();
            await mailbox.StartAsync();
            factory = new PortalFactory(onRealKestrel: true).SendMailTo(mailbox.Port);
            // The development identity provider, so people can sign in for real in the browser.
            factory.Settings["DevServices:Identity:Enabled"] = "true";
            // The browser suite runs as a deployed portal does, reading every submission for meaning in the background.
            factory.Settings["Similarity:Embeddings"] = "true";
            factory.StartServer();
            BaseAddress = factory.ClientOptions.BaseAddress;

            playwright = await Playwright.CreateAsync();
            browser = await HeadlessChromium.LaunchAsync(playwright);
        }
        catch
        {
            // A fixture whose start-up fails may never be disposed: close whatever did start.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh context (its own cookies, storage and settings) with pages that resolve paths against the portal.</summary>
    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null) =>
        HeadlessChromium.NewContextAsync(Browser, BaseAddress, options);

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    /// <summary>Every email with exactly <paramref name="subject"/> to <paramref name="to"/> the mail server has received so far.</summary>
    public IReadOnlyList<ReceivedMessage> EmailsReceived(string to, string subject) =>
        (mailbox ?? throw new InvalidOperationException("The mail server has not started.")).Messages
            .Where(message => message.Subject == subject && message.EnvelopeTo.Any(address => string.Equals(address, to, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    /// <summary>
    /// The first email to <paramref name="to"/> with exactly <paramref name="subject"/> that the mail server has
    /// received, waiting for it to arrive (the portal's outbox sender is woken when the email is committed, and
    /// looks again every second); fails, listing what did arrive, when none does within <paramref name="timeout"/>.
    /// </summary>
    public async Task<ReceivedMessage> WaitForEmailAsync(string to, string subject, TimeSpan? timeout = null)
    {
        var server = mailbox ?? throw new InvalidOperationException("The mail server has not started.");
        try
        {
            return await server.WaitForAsync(
                message => message.Subject == subject && message.EnvelopeTo.Any(address => string.Equals(address, to, StringComparison.OrdinalIgnoreCase)),
                timeout ?? TestPatience.SafetyNet);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"No email '{subject}' to {to} arrived. {e.Message}", e);
        }
    }

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

        // After the portal, so its sender is never left talking to a server that has gone.
        if (mailbox is not null)
        {
            await mailbox.DisposeAsync();
            mailbox = null;
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

/// <summary>
/// A portal and browser of their own for the programme round tests: opening a new round makes it the current round of
/// the whole portal, which would move every other test's programme, years and consultation under it. It runs on its
/// own, after the shared collection, so neither portal slows the other's pages down.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PortalForANewRound : ICollectionFixture<PortalBrowserFixture>
{
    public const string Name = "Portal in a browser for a new round";
}

/// <summary>
/// A portal and browser of their own for joint decisions released together: holding the round's outcomes would keep
/// every other test's outcome emails back.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PortalForHeldOutcomes : ICollectionFixture<PortalBrowserFixture>
{
    public const string Name = "Portal in a browser for held outcomes";
}

/// <summary>
/// A portal and browser of their own for the final programme: finalising a round stops every change to its programme,
/// which the other collections' tests make.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PortalForAFinalProgramme : ICollectionFixture<PortalBrowserFixture>
{
    public const string Name = "Portal in a browser for a final programme";
}

/// <summary>
/// A portal and browser of their own for the journey that concludes a round: closing the consultation, finalising the
/// programme and publishing the outcome would stop every other collection's submissions and decisions.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PortalForAConcludedRound : ICollectionFixture<PortalBrowserFixture>
{
    public const string Name = "Portal in a browser for a concluded round";
}
