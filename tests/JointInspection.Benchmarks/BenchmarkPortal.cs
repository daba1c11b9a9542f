using JointInspection.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Benchmarks;

/// <summary>
/// The portal in Production on real Kestrel (127.0.0.1, a free port) against a fresh SQLite file, plus the one thing
/// only the benchmark adds: the same responses served from memory (<see cref="FixedResponses"/>), the ceiling each page is measured by.
/// </summary>
public sealed class BenchmarkPortal : PortalFactory
{
    public BenchmarkPortal()
        : base(onRealKestrel: true)
    {
        Configure();
    }

    /// <summary>A second portal on the database another already has (its <see cref="PortalFactory.ConnectionString"/>), which must outlive it.</summary>
    public BenchmarkPortal(string sharedConnectionString)
        : base(sharedConnectionString, onRealKestrel: true)
    {
        Configure();
    }

    private void Configure()
    {
        // The factory finds the portal's content root from the test project's build; a console program says where it is.
        Environment.SetEnvironmentVariable(
            "ASPNETCORE_TEST_CONTENTROOT_JOINTINSPECTION_WEB", Path.Combine(Repository.Root(), "src", "JointInspection.Web"));
        // Every request comes from one address; the limit is for people, not for a load generator.
        Settings["Submissions:RateLimit:PermitLimit"] = "100000000";
        // Request logging would measure the console, not the portal.
        Settings["Logging:LogLevel:Default"] = "Warning";
    }

    public FixedResponses Fixed { get; } = new();

    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(Fixed));
    }
}

/// <summary>
/// The in-process ceilings: responses captured from the portal and served back from memory by endpoints only the
/// benchmark adds. An endpoint, at /benchmark/fixed/{name}, goes through the whole of the portal's pipeline (error pages,
/// security headers, authentication, authorization, rate limiting, output caching) and so shows what the app costs per
/// request with none of the work of making the page. The one step it skips is route matching: middleware at the front
/// names the endpoint, because the portal's routes are fixed by its Program. The same bytes are also served by that
/// middleware itself, ahead of the pipeline (/benchmark/bare/{name}), to show what the portal's host costs with no
/// middleware. The honest ceiling, Kestrel in a process of its own, is <see cref="MinimalKestrel"/>.
/// </summary>
public sealed class FixedResponses : IStartupFilter
{
    private readonly Dictionary<string, Endpoint> endpoints = [];
    private readonly Dictionary<string, RequestDelegate> bare = [];

    /// <summary>Every response captured so far, at the portal's own paths.</summary>
    public List<CapturedResponse> Captured { get; } = [];

    /// <summary>Serves the captured response under the name.</summary>
    public void Set(string name, CapturedResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Captured.Add(response);
        var serve = response.Serve();
        endpoints[$"/benchmark/fixed/{name}"] = new Endpoint(serve, EndpointMetadataCollection.Empty, $"Fixed response: {name}");
        bare[$"/benchmark/bare/{name}"] = serve;
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, rest) =>
        {
            var path = context.Request.Path.Value ?? "";
            if (bare.TryGetValue(path, out var serve))
            {
                return serve(context);
            }

            if (endpoints.TryGetValue(path, out var endpoint))
            {
                context.SetEndpoint(endpoint);
            }

            return rest(context);
        });
        next(app);
    };
}
