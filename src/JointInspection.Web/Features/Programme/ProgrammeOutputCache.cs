using System.Globalization;
using JointInspection.Web.Features.Submissions;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace JointInspection.Web.Features.Programme;

/// <summary>
/// Output caching of the public programme: the page, the workstream pages and their API documents. Each policy starts
/// from ASP.NET Core's default one, which caches only anonymous GET and HEAD requests, and only 200 responses that set
/// no cookie, so a signed-in person is never served a cached page and never leaves one behind. The key adds everything
/// else the bytes depend on: the programme's revision, and, where the page offers a way to respond, whether the
/// consultation is open. The path is matched case-sensitively because the layout marks the current page by comparing
/// paths exactly.
/// </summary>
public static class ProgrammeOutputCache
{
    /// <summary>The programme page and the API's programme and workstream documents.</summary>
    public const string Programme = "programme";

    /// <summary>A workstream's page, which offers "Respond to this workstream" while the consultation is open.</summary>
    public const string WorkstreamPage = "programme-workstream-page";

    public static IServiceCollection AddProgrammeOutputCache(this IServiceCollection services) =>
        services.Configure<OutputCacheOptions>(options =>
        {
            options.AddPolicy(Programme, policy => policy.AddPolicy<ProgrammeRevisionCachePolicy>());
            options.AddPolicy(WorkstreamPage, policy => policy.AddPolicy<ProgrammeRevisionCachePolicy>().AddPolicy<ConsultationStateCachePolicy>());
        });

    /// <summary>Whether the default policy has already ruled the request out (signed in, not a GET or HEAD).</summary>
    internal static bool Refused(OutputCacheContext context) =>
        !context.EnableOutputCaching || (!context.AllowCacheLookup && !context.AllowCacheStorage);
}

/// <summary>
/// Keys a response on the revision of the programme snapshot it is made from, so that a change is served at the
/// reader's next look at the revision. None of these pages read the query string, so it is left out of the key and
/// cannot be used to fill the cache with copies.
/// </summary>
public sealed class ProgrammeRevisionCachePolicy(ProgrammeReader programmes) : IOutputCachePolicy
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
        context.CacheVaryByRules.QueryKeys = StringValues.Empty;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}

/// <summary>Keys a page on whether the consultation is open, because only then does it link to the response form.</summary>
public sealed class ConsultationStateCachePolicy(SubmissionIntake intake) : IOutputCachePolicy
{
    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ProgrammeOutputCache.Refused(context))
        {
            return;
        }

        context.CacheVaryByRules.VaryByValues["consultation-open"] = await intake.IsOpenAsync(cancellation) ? "yes" : "no";
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
