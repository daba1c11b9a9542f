using JointInspection.Web.Features.Programme;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace JointInspection.Web.Infrastructure;

/// <summary>The web pipeline shared by every feature: pages, API conventions, errors and headers.</summary>
public static class PortalWeb
{
    public static WebApplicationBuilder AddPortalWeb(this WebApplicationBuilder builder)
    {
        UseRepositoryWebRoot(builder.Environment);
        builder.AddPublicLinks();
        builder.AddPortalContact();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var proxies = KnownProxies(builder);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; only the proxies named in configuration may speak for a visitor.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            proxies.ForEach(options.KnownIPNetworks.Add);
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<ListeningBanner>();
        builder.Services.AddRazorPages(options => options.RootDirectory = "/Features");
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddOutputCache(options =>
        {
            // The layout marks the current page by comparing paths exactly, so /Programme is not /programme.
            options.UseCaseSensitivePaths = true;
            // A public page is tens of kilobytes; this holds every one many times over and bounds what odd
            // addresses (case, host) can make it keep.
            options.SizeLimit = 32 * 1024 * 1024;
        });
        return builder;
    }

    public static WebApplication UsePortalWeb(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownIPNetworks.Count > 0)
        {
            // First, so that the rate limits, the scheme and the logs all see the visitor rather than the proxy.
            app.UseForwardedHeaders();
        }

        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            if (app.Configuration.GetValue("Portal:RedirectToHttps", true))
            {
                app.UseHttpsRedirection();
            }
        }

        // Ahead of everything but the transport rules above: a kept copy already carries the headers set below, was made
        // for nobody signed in, and is served only to a request that carries no cookie or credentials.
        app.UseReadyProgrammeResponses();
        app.UseWhen(IsApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), site => site
            .UseExceptionHandler("/error")
            .UseStatusCodePagesWithReExecute("/error/{0}"));
        app.Use(SecurityHeaders);
        app.UseStaticFiles();
        // Routing runs after the status-code and error pages so that their re-executed request is routed afresh.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // After authentication, so that the output cache knows who is signed in and caches only for nobody; after
        // authorization and rate limiting, so that a cached copy is never a way round either. Only endpoints that
        // name an output-cache policy are cached. The programme's ready copies are served ahead of both, so they are
        // kept only for endpoints that name neither.
        app.KeepReadyProgrammeResponses();
        app.UseOutputCache();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>
    /// Where pages and endpoints show someone's own submissions or staff views, or a form with its antiforgery token.
    /// Matched here, by address, so that no new staff page can forget to say it.
    /// </summary>
    private static readonly string[] PrivatePaths =
    [
        "/submissions", "/account", "/respond", "/suggest", "/feedback", "/triage", "/staff", "/admin", "/manage", "/dev",
        "/api/v1/submissions", "/api/v1/triage", "/api/v1/releases", "/api/v1/staff", "/api/v1/admin",
    ];

    private static bool IsPrivatePath(PathString path) =>
        PrivatePaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Portal:KnownProxies: addresses or CIDR networks, separated by spaces or commas; none by default.</summary>
    private static List<System.Net.IPNetwork> KnownProxies(WebApplicationBuilder builder)
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in (builder.Configuration["Portal:KnownProxies"] ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            if (System.Net.IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else if (System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else
            {
                builder.Refuse($"Portal:KnownProxies has '{entry}', which is neither an IP address nor a network like 10.0.0.0/8. Correct it or remove it.");
            }
        }

        return networks;
    }

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        // No inline script or style anywhere, so nothing a user types can ever run as script.
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
            "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        // The address as asked for: an error page re-executed for it has another. Checked as the response starts,
        // when authentication has run (a signed-in person's pages carry their name) and the endpoint has had its say.
        var privatePath = IsPrivatePath(context.Request.Path);
        context.Response.OnStarting(() =>
        {
            if (privatePath || context.User.Identity?.IsAuthenticated == true)
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next();
    }

    /// <summary>
    /// The repository keeps the site's static files in its top-level wwwroot/. Run from source (dotnet run,
    /// the tests) the content root is src/JointInspection.Web, so the web root is two folders up; a published
    /// app carries its own wwwroot/ beside it.
    /// </summary>
    private static void UseRepositoryWebRoot(IWebHostEnvironment environment)
    {
        if (Directory.Exists(Path.Combine(environment.ContentRootPath, "wwwroot")))
        {
            return;
        }

        var repositoryWebRoot = Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "..", "wwwroot"));
        if (Directory.Exists(repositoryWebRoot))
        {
            environment.WebRootPath = repositoryWebRoot;
            environment.WebRootFileProvider = new PhysicalFileProvider(repositoryWebRoot);
        }
    }
}
