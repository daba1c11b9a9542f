using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Web.Infrastructure.Auth;

/// <summary>
/// One rule for every cookie the portal sets. Outside plain-HTTP development (Development and Testing) each cookie is
/// Secure whatever the request looks like, since behind a proxy that ends TLS the portal sees plain HTTP, and is named
/// with the __Host- prefix, so a browser keeps it only if it is Secure, Path=/ and not shared with other subdomains.
/// </summary>
public sealed class PortalCookies(bool plainHttpAllowed)
{
    private const string HostPrefix = "__Host-";

    public static PortalCookies For(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new(environment.IsDevelopment() || environment.IsEnvironment("Testing"));
    }

    /// <summary>True in Development and Testing, where the portal runs on plain http://localhost.</summary>
    public bool PlainHttpAllowed { get; } = plainHttpAllowed;

    public string Session => Name("ji-session");

    public string Draft => Name("ji-draft");

    public string Antiforgery => Name("ji-antiforgery");

    public string TempData => Name("ji-tempdata");

    /// <summary>The OpenID Connect handler adds an id after these.</summary>
    public string CorrelationPrefix => Name("ji-correlation.");

    public string NoncePrefix => Name("ji-nonce.");

    public CookieSecurePolicy SecurePolicy => PlainHttpAllowed ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <summary>The name cookie <paramref name="name"/> has here.</summary>
    public string Name(string name) => PlainHttpAllowed ? name : HostPrefix + name;

    /// <summary>Options for a cookie the portal writes itself (and for deleting it, which must match).</summary>
    public CookieOptions Options(HttpContext http, TimeSpan? maxAge = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new CookieOptions
        {
            HttpOnly = true,
            Secure = !PlainHttpAllowed || http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            IsEssential = true,
            MaxAge = maxAge,
        };
    }

    /// <summary>Applies the rule to the cookies the framework sets: antiforgery and TempData (the session's is set with its scheme).</summary>
    public void Apply(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(this);
        services.Configure<AntiforgeryOptions>(options => options.Cookie = new AntiforgeryCookie(this)
        {
            Name = Antiforgery,
            Path = "/",
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
        });
        services.Configure<CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = TempData;
            options.Cookie.Path = "/";
            options.Cookie.SecurePolicy = SecurePolicy;
        });
    }

    /// <summary>
    /// Antiforgery refuses SecurePolicy=Always on a request that is not HTTPS, and behind a proxy that ends TLS a request
    /// can look like plain HTTP; so its cookie keeps SameAsRequest and is made Secure here instead.
    /// </summary>
    private sealed class AntiforgeryCookie(PortalCookies cookies) : CookieBuilder
    {
        public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
        {
            var options = base.Build(context, expiresFrom);
            options.Secure |= !cookies.PlainHttpAllowed;
            return options;
        }
    }
}
