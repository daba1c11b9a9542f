using JointInspection.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Benchmarks;

/// <summary>
/// The portal in Production on real Kestrel (127.0.0.1, a free port) against a fresh SQLite file, plus the one thing
/// only the benchmark adds: responses served from memory at /benchmark/fixed/*, the ceiling each page is measured by.
/// </summary>
public sealed class BenchmarkPortal : PortalFactory
{
    public BenchmarkPortal()
        : base(onRealKestrel: true)
    {
        // The factory finds the portal's content root from the test project's build; a console program says where it is.
        Environment.SetEnvironmentVariable(
            "ASPNETCORE_TEST_CONTENTROOT_JOINTINSPECTION_WEB", Path.Combine(Program.RepositoryRoot(), "src", "JointInspection.Web"));
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
/// Bytes captured from the portal's own responses, served back by middleware at the front of the same app: the same
/// process, Kestrel and connection handling, with none of the work that produced them.
/// </summary>
public sealed class FixedResponses : IStartupFilter
{
    private readonly Dictionary<string, (byte[] Body, string ContentType)> responses = [];

    public void Set(string name, byte[] body, string contentType) => responses[$"/benchmark/fixed/{name}"] = (body, contentType);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, rest) =>
        {
            if (responses.TryGetValue(context.Request.Path.Value ?? "", out var fixedResponse))
            {
                context.Response.ContentType = fixedResponse.ContentType;
                context.Response.ContentLength = fixedResponse.Body.Length;
                await context.Response.Body.WriteAsync(fixedResponse.Body);
                return;
            }

            await rest(context);
        });
        next(app);
    };
}
