using System.Net;
using System.Text.RegularExpressions;
using JointInspection.DevServices.Identity;
using JointInspection.Web.Infrastructure.Auth;

namespace JointInspection.TestSupport;

/// <summary>
/// Real OpenID Connect sign-ins through the development identity provider, for a portal on real Kestrel with
/// DevServices:Identity:Enabled=true: the portal's own challenge, pushed authorization request, the provider's
/// sign-in page, the form_post back to the portal, the code exchange and userinfo, all over HTTP.
/// </summary>
public static class SignIn
{
    /// <summary>
    /// Starts at /account/sign-in/{provider}, chooses <paramref name="email"/> on the provider's sign-in page (when
    /// the provider has no session yet), and follows everything through to the page the portal lands on.
    /// </summary>
    public static async Task<WebPage> AsDemoPersonAsync(this TestBrowser browser, string provider, string email, string returnUrl = "/")
    {
        ArgumentNullException.ThrowIfNull(browser);
        var page = await browser.GetAsync($"/account/sign-in/{provider}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        return await browser.CompleteProviderStepsAsync(page, email);
    }

    /// <summary>Carries a page of the provider's on: chooses the person on its sign-in page, and posts its form_post response on.</summary>
    public static async Task<WebPage> CompleteProviderStepsAsync(this TestBrowser browser, WebPage page, string email, Func<Uri, bool>? stopAt = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(page);
        for (var step = 0; step < 5; step++)
        {
            var next = page.FindForm("data-dev-identity-picker") is { } picker ? await browser.SubmitAsync(page, picker, stopAt, ("Person", email))
                : page.FindForm($"id=\"{FormPostResponse.FormId}\"") is { } formPost ? await browser.SubmitAsync(page, formPost, stopAt)
                : null;
            if (next is null)
            {
                return page;
            }

            // One trail for the whole sign-in, so a test can see every address it passed through.
            page = next with { Trail = [.. page.Trail, .. next.Trail] };
        }

        throw new InvalidOperationException($"Sign-in went round in circles; last at {page.Address}.");
    }
}

/// <summary>
/// The portal on real Kestrel (a random loopback port, already listening) with the development identity provider
/// switched on, which the Testing environment allows when asked.
/// </summary>
public class PortalWithDevIdentity : PortalFactory
{
    /// <summary>The portal's session cookie, which only a completed sign-in sets: its name by the portal's own rule, for the Testing environment.</summary>
    public static string SessionCookie { get; } = new PortalCookies(plainHttpAllowed: true).Session;

    public PortalWithDevIdentity()
        : this(null)
    {
    }

    // One public constructor only: xUnit refuses a class fixture with more. A fixture that needs settings derives.
    protected PortalWithDevIdentity(Action<PortalFactory>? configure)
        : base(onRealKestrel: true)
    {
        Settings["DevServices:Identity:Enabled"] = "true";
        configure?.Invoke(this);
        StartServer();
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>The server starts in the constructor, so settings a test needs (a mail server, say) are made in <paramref name="configure"/>.</summary>
    public static PortalWithDevIdentity With(Action<PortalFactory> configure) => new(configure);

    public TestBrowser NewBrowser() => new(ClientOptions.BaseAddress);

    /// <summary>
    /// A new browser signed in as <paramref name="email"/> through <paramref name="provider"/>, having landed on
    /// <paramref name="returnUrl"/> with a 200 and holding a portal session; anything less throws, so a test never
    /// goes on to check a page as someone it failed to become.
    /// </summary>
    public async Task<TestBrowser> SignedInAsync(string email, string returnUrl = "/", string provider = "staff")
    {
        var browser = NewBrowser();
        try
        {
            var landed = await browser.AsDemoPersonAsync(provider, email, returnUrl);
            if (landed.Status != HttpStatusCode.OK || !browser.Cookies.ContainsKey(SessionCookie))
            {
                throw new InvalidOperationException(
                    $"Signing in as {email} through {provider} ended at {landed.Address} with {(int)landed.Status}, {(browser.Cookies.ContainsKey(SessionCookie) ? "with" : "without")} a session.");
            }

            return browser;
        }
        catch
        {
            browser.Dispose();
            throw;
        }
    }
}

/// <summary>The demo staff's addresses, taken from the development identity provider's people so no test retypes them.</summary>
public static class Staff
{
    /// <summary>Justin Russell, Chief Inspector of HMI Probation, the inspectorate that chairs the programme.</summary>
    public static string ProbationChiefInspector { get; } = Email("justin-russell");

    /// <summary>Andrew Cayley, Chief Inspector of HMCPSI.</summary>
    public static string ProsecutionChiefInspector { get; } = Email("andrew-cayley");

    /// <summary>Charlie Taylor, Chief Inspector of HMI Prisons.</summary>
    public static string PrisonsChiefInspector { get; } = Email("charlie-taylor");

    /// <summary>Sir Thomas Winsor, Chief Inspector of HMICFRS.</summary>
    public static string PoliceChiefInspector { get; } = Email("thomas-winsor");

    /// <summary>Priya Shah, secretariat officer at HMI Probation.</summary>
    public static string Secretariat { get; } = Email("priya-shah");

    /// <summary>Alex Morgan, the portal admin.</summary>
    public static string Admin { get; } = Email("alex-morgan");

    private static string Email(string subject) => DemoPeople.All.Single(person => person.Subject == subject && person.IsStaff).Email;
}

/// <summary>
/// A cookie-keeping HTTP client that follows redirects as a browser does. It keeps cookies itself because .NET's
/// CookieContainer never sends a Secure cookie over http://, and ASP.NET marks the OpenID Connect correlation and
/// nonce cookies Secure; browsers send them to http://localhost and 127.0.0.1, which they count as secure.
/// </summary>
public sealed class TestBrowser : IDisposable
{
    private readonly HttpClient client;
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);
    private readonly List<(Uri Address, string SetCookie)> setCookies = [];

    public TestBrowser(Uri baseAddress) =>
        client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = baseAddress,
            Timeout = TestPatience.SafetyNet,
        };

    /// <summary>The cookies held now, by name.</summary>
    public IReadOnlyDictionary<string, string> Cookies => cookies;

    public Uri BaseAddress => client.BaseAddress!;

    /// <summary>Every Set-Cookie header received, with the address that sent it, so a test can check each cookie's attributes.</summary>
    public IReadOnlyList<(Uri Address, string SetCookie)> SetCookiesSeen => setCookies;

    public Task<WebPage> GetAsync(string url, Func<Uri, bool>? stopAt = null) =>
        NavigateAsync(new HttpRequestMessage(HttpMethod.Get, url), stopAt);

    public Task<WebPage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, Func<Uri, bool>? stopAt = null) =>
        NavigateAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) }, stopAt);

    /// <summary>Submits <paramref name="form"/> of <paramref name="page"/>: its hidden fields, with <paramref name="fields"/> added or replacing them.</summary>
    public Task<WebPage> SubmitAsync(WebPage page, HtmlForm form, Func<Uri, bool>? stopAt = null, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(form);
        var values = form.HiddenFields.Where(field => !fields.Any(extra => extra.Name == field.Key)).ToList();
        values.AddRange(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)));
        var action = string.IsNullOrEmpty(form.Action) ? page.Address : new Uri(page.Address, form.Action);
        return PostFormAsync(action.ToString(), values, stopAt);
    }

    /// <summary>
    /// Sends the request and follows redirects (GET after a 302 or 303, as browsers do) until a page that is not a
    /// redirect, or a redirect to an address <paramref name="stopAt"/> picks out, which is returned unfollowed.
    /// </summary>
    public async Task<WebPage> NavigateAsync(HttpRequestMessage request, Func<Uri, bool>? stopAt = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var trail = new List<Uri>();
        for (var hop = 0; hop < 20; hop++)
        {
            var address = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(client.BaseAddress!, request.RequestUri);
            request.RequestUri = address;
            trail.Add(address);
            using var response = await SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();
            var location = response.Headers.Location is { } next ? new Uri(address, next) : null;
            if (location is null || (int)response.StatusCode is < 300 or >= 400 || stopAt?.Invoke(location) == true)
            {
                var headers = response.Headers.Concat(response.Content.Headers)
                    .ToDictionary(header => header.Key, header => string.Join(", ", header.Value), StringComparer.OrdinalIgnoreCase);
                return new WebPage(address, response.StatusCode, html, location, trail, headers);
            }

            request.Dispose();
            request = new HttpRequestMessage(HttpMethod.Get, location);
        }

        throw new InvalidOperationException($"More than 20 redirects: {string.Join(" -> ", trail)}");
    }

    /// <summary>One request, with the cookies held, keeping any the response sets.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (cookies.Count > 0)
        {
            request.Headers.Remove("Cookie");
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var received))
        {
            foreach (var setCookie in received)
            {
                setCookies.Add((request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(client.BaseAddress!, request.RequestUri), setCookie));
                Keep(setCookie);
            }
        }

        return response;
    }

    public void Dispose() => client.Dispose();

    private void Keep(string setCookie)
    {
        var parts = setCookie.Split(';', StringSplitOptions.TrimEntries);
        var separator = parts[0].IndexOf('=', StringComparison.Ordinal);
        var name = parts[0][..separator];
        var value = parts[0][(separator + 1)..];
        var expired = parts.Skip(1).Any(part =>
            part.StartsWith("expires=", StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(part["expires=".Length..], System.Globalization.CultureInfo.InvariantCulture, out var expires)
            && expires < DateTimeOffset.UtcNow);
        if (expired || value.Length == 0)
        {
            cookies.Remove(name);
        }
        else
        {
            cookies[name] = value;
        }
    }
}

/// <summary>Where a navigation ended: the address, status, body, the unfollowed redirect (if stopped at one), every address on the way, and the last response's headers.</summary>
public sealed partial record WebPage(Uri Address, HttpStatusCode Status, string Html, Uri? Location, IReadOnlyList<Uri> Trail, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The first form whose opening tag contains <paramref name="marker"/> (an attribute, say).</summary>
    public HtmlForm? FindForm(string marker)
    {
        foreach (Match form in Form().Matches(Html))
        {
            if (form.Groups["open"].Value.Contains(marker, StringComparison.Ordinal))
            {
                var action = Attribute(form.Groups["open"].Value, "action");
                var hidden = Input().Matches(form.Groups["body"].Value)
                    .Select(input => input.Value)
                    .Where(input => Attribute(input, "type") == "hidden" && Attribute(input, "name") is not null)
                    .Select(input => KeyValuePair.Create(Attribute(input, "name")!, Attribute(input, "value") ?? ""))
                    .ToList();
                return new HtmlForm(action, hidden);
            }
        }

        return null;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $@"\s{name}=""(?<value>[^""]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return match.Success ? WebUtility.HtmlDecode(match.Groups["value"].Value) : null;
    }

    [GeneratedRegex(@"(?<open><form\b[^>]*>)(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Form();

    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Input();
}

/// <summary>A form's action (null when it posts back to its own page) and its hidden fields.</summary>
public sealed record HtmlForm(string? Action, IReadOnlyList<KeyValuePair<string, string>> HiddenFields);
