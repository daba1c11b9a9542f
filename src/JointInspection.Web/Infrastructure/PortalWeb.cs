using Microsoft.Extensions.FileProviders;

namespace JointInspection.Web.Infrastructure;

/// <summary>The web pipeline shared by every feature: pages, API conventions, errors and headers.</summary>
public static class PortalWeb
{
    public static WebApplicationBuilder AddPortalWeb(this WebApplicationBuilder builder)
    {
        UseRepositoryWebRoot(builder.Environment);
        builder.Services.AddSingleton(TimeProvider.System);
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
        // name an output-cache policy are cached.
        app.UseOutputCache();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

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
