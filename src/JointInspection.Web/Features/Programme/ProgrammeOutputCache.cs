using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace JointInspection.Web.Features.Programme;

/// <summary>
/// Output caching of the public programme: the page, the workstream pages and their API documents. Each policy starts
/// from ASP.NET Core's default one, which caches only anonymous GET and HEAD requests, and only 200 responses that set
/// no cookie, so a signed-in person is never served a cached page and never leaves one behind. The key adds everything
/// else the bytes depend on: the programme's revision and the state of each round (a workstream page offers a way to
/// respond only while its round is open). The path is matched case-sensitively because the layout marks the current page by comparing
/// paths exactly.
/// </summary>
public static class ProgrammeOutputCache
{
    /// <summary>The programme and workstream pages and their API documents.</summary>
    public const string Programme = "programme";

    public static IServiceCollection AddProgrammeOutputCache(this IServiceCollection services) =>
        services
            .AddSingleton<ReadyProgrammeResponses>()
            .Configure<OutputCacheOptions>(options => options.AddPolicy(Programme, policy => policy.AddPolicy<ProgrammeRevisionCachePolicy>()));

    /// <summary>Caches an endpoint's anonymous responses under <see cref="Programme"/> and keeps them ready to write.</summary>
    public static TBuilder CacheProgramme<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.CacheOutput(Programme).WithMetadata(new KeptReadyAttribute());

    /// <summary>Serves the programme's kept responses; goes at the front of the pipeline, after what must see every request.</summary>
    public static IApplicationBuilder UseReadyProgrammeResponses(this IApplicationBuilder app)
    {
        var ready = app.ApplicationServices.GetRequiredService<ReadyProgrammeResponses>();
        return app.Use(next => context => ready.TryServe(context) ?? next(context));
    }

    /// <summary>Keeps the responses of endpoints marked <see cref="KeptReadyAttribute"/>; goes just before the output cache.</summary>
    public static IApplicationBuilder KeepReadyProgrammeResponses(this IApplicationBuilder app)
    {
        var ready = app.ApplicationServices.GetRequiredService<ReadyProgrammeResponses>();
        return app.Use(next => context => ready.KeepAsync(context, next));
    }

    /// <summary>Whether the default policy has already ruled the request out (signed in, not a GET or HEAD).</summary>
    internal static bool Refused(OutputCacheContext context) =>
        !context.EnableOutputCaching || (!context.AllowCacheLookup && !context.AllowCacheStorage);
}

/// <summary>
/// Keys a response on the revision of the programme snapshot it is made from, so that a change is served at the
/// reader's next look at the revision, and on the state of every round, which moves with the clock alone (a round
/// opens, closes): a page or document made before never outlives the state it showed. None of these pages read the
/// query string, so it is left out of the key and cannot be used to fill the cache with copies.
/// </summary>
public sealed class ProgrammeRevisionCachePolicy(ProgrammeReader programmes, TimeProvider clock) : IOutputCachePolicy
{
    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ProgrammeOutputCache.Refused(context))
        {
            return;
        }

        var snapshot = await programmes.SnapshotAsync(cancellation);
        context.CacheVaryByRules.VaryByValues["programme-revision"] = snapshot.Revision.ToString(CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow();
        context.CacheVaryByRules.VaryByValues["round-states"] = string.Join(',', snapshot.RoundStatesAt(now));
        context.CacheVaryByRules.QueryKeys = StringValues.Empty;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
