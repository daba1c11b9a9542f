using System.Net;
using JointInspection.Tests.Submissions;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JointInspection.Tests.Auth;

/// <summary>
/// The portal in Production reached over plain HTTP, as it is behind a proxy that ends TLS: every cookie it sets
/// (antiforgery, draft, TempData, the sign-in's correlation and nonce, the session) is Secure all the same, and
/// carries the __Host- prefix, which browsers keep only for Secure, host-only cookies with Path=/.
/// </summary>
public sealed class CookieFlagsTests : IDisposable
{
    private readonly PortalFactory provider;
    private readonly ProductionPortal portal;

    public CookieFlagsTests()
    {
        var portalPort = MailSupport.FreePort();
        provider = new PortalFactory(onRealKestrel: true);
        provider.Settings["DevServices:Identity:Enabled"] = "true";
        provider.Settings["DevServices:Identity:OtherPortals"] = $"http://127.0.0.1:{portalPort}/";
        provider.StartServer();

        portal = new ProductionPortal(portalPort);
        portal.Settings["Portal:PublicBaseUrl"] = $"https://127.0.0.1:{portalPort}/";
        // As behind a proxy that ends TLS (and redirects plain HTTP itself): the portal sees plain HTTP only.
        portal.Settings["Portal:RedirectToHttps"] = "false";
        portal.Settings["Authentication:Staff:Authority"] = new Uri(provider.ClientOptions.BaseAddress, "dev/identity/").ToString();
        portal.Settings["Authentication:Staff:ClientId"] = DevIdentityRegistration.StaffClientId;
        portal.Settings["Authentication:Staff:ClientSecret"] = DevIdentityRegistration.StaffClientSecret;
        portal.Settings["Authentication:Staff:RequireHttpsMetadata"] = "false";
        portal.StartServer();
    }

    public void Dispose()
    {
        portal.Dispose();
        provider.Dispose();
    }

    [Fact]
    public async Task Every_cookie_the_portal_sets_over_plain_HTTP_in_Production_is_Secure_and_host_prefixed()
    {
        using var browser = new TestBrowser(portal.ClientOptions.BaseAddress);
        await SendResponseAsync(browser);
        // A programme staff member the portal has given no role: the sign-in completes even though the staff area then refuses.
        await browser.AsDemoPersonAsync("staff", Staff.Secretariat, "/");

        var fromPortal = browser.SetCookiesSeen
            .Where(seen => seen.Address.Authority == portal.ClientOptions.BaseAddress.Authority)
            .Select(seen => seen.SetCookie)
            .ToList();
        var names = fromPortal.Select(Name).ToHashSet();
        foreach (var expected in new[] { "__Host-ji-antiforgery", "__Host-ji-draft", "__Host-ji-session" })
        {
            Assert.Contains(expected, names);
        }

        Assert.Contains(names, name => name.StartsWith("__Host-ji-correlation.", StringComparison.Ordinal));
        Assert.Contains(names, name => name.StartsWith("__Host-ji-nonce.", StringComparison.Ordinal));
        Assert.All(fromPortal, setCookie =>
        {
            var attributes = setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).ToList();
            Assert.StartsWith("__Host-", Name(setCookie), StringComparison.Ordinal);
            Assert.Contains(attributes, attribute => attribute.Equals("secure", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(attributes, attribute => attribute.Equals("path=/", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(attributes, attribute => attribute.StartsWith("domain=", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(attributes, attribute => attribute.Equals("httponly", StringComparison.OrdinalIgnoreCase));
        });
    }

    [Fact]
    public void The_tempdata_cookie_follows_the_same_rule()
    {
        // No journey sets TempData now (the sent page reads the sent draft), so its cookie is checked where it is configured.
        var cookie = portal.Services.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie;

        Assert.Equal("__Host-ji-tempdata", cookie.Name);
        Assert.Equal(CookieSecurePolicy.Always, cookie.SecurePolicy);
        Assert.Equal("/", cookie.Path);
        Assert.Null(cookie.Domain);
        Assert.True(cookie.HttpOnly);
    }

    /// <summary>The respond journey from start to sent, which sets the antiforgery and draft cookies.</summary>
    private static async Task SendResponseAsync(TestBrowser browser)
    {
        (string Path, (string, string)[] Fields)[] steps =
        [
            ("/respond", [("responseTo", "programme")]),
            ("/respond/response", JourneyPageTests.Response),
            ("/respond/about-you", JourneyPageTests.AboutYou),
            ("/respond/check", []),
        ];
        WebPage? page = null;
        foreach (var (path, fields) in steps)
        {
            var form = await browser.GetAsync(path);
            var post = form.FindForm("method=\"post\"");
            Assert.True(post is not null, $"No form at {form.Address} ({(int)form.Status}): {form.Html}");
            page = await browser.SubmitAsync(form, post, fields: fields);
        }

        Assert.Equal(HttpStatusCode.OK, page!.Status);
        Assert.Equal("/respond/sent", page.Address.AbsolutePath);
    }

    private static string Name(string setCookie) => setCookie[..setCookie.IndexOf('=', StringComparison.Ordinal)];

    private sealed class ProductionPortal(int port) : PortalFactory(onRealKestrel: true, port: port)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
