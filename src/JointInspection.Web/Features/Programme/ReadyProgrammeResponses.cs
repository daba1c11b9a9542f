using System.Collections.Concurrent;
using System.Globalization;
using JointInspection.Web.Features.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace JointInspection.Web.Features.Programme;

/// <summary>
/// The public programme's responses kept ready to write, served at the front of the pipeline to visitors who send
/// no cookie and no credentials. Behind it ASP.NET Core's output cache serves the same copies, but only after routing,
/// authentication and authorization, and it rebuilds its key and reads its stored entry back on every hit: for a
/// page the same for every anonymous reader that was a quarter of the time a request took (README, "Benchmarks").
/// A copy here is exactly what the full pipeline sent (status 200, every header, the bytes) and is kept by the same
/// rules as the output cache's: made for nobody signed in, setting no cookie, keyed on the address and on the
/// programme's revision and every round's state, and gone after the output cache's own minute. Anything this does
/// not answer exactly as the pipeline would (HEAD, a conditional request, a cookie) goes on to the pipeline.
/// </summary>
public sealed class ReadyProgrammeResponses(ProgrammeReader programmes, TimeProvider clock, IOptions<OutputCacheOptions> outputCache)
{
    /// <summary>Addresses kept at once: far more than the programme has, a bound should anything unforeseen answer 200.</summary>
    public const int MostAddresses = 256;

    // The largest programme document is tens of kilobytes; anything far larger is not worth a copy in memory.
    private const int LargestBody = 1024 * 1024;

    /// <summary>The output cache's own lifetime for a copy, so that neither copy outlives the other.</summary>
    public TimeSpan Lifetime { get; } = outputCache.Value.DefaultExpirationTimeSpan;

    // All copies together, within what the output cache may keep of its own.
    private readonly long mostBytes = outputCache.Value.SizeLimit;

    // Set by Kestrel or by the serving of a copy, never part of one.
    private static readonly HashSet<string> PerResponseHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Age", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive",
    };

    private readonly ConcurrentDictionary<string, Copy> copies = new(StringComparer.Ordinal);

    /// <summary>Whether a copy of this address is kept (for the tests; serving says no more than the bytes).</summary>
    public bool Keeps(string path) => copies.ContainsKey(path);

    /// <summary>How many addresses have a copy kept.</summary>
    public int Count => copies.Count;

    /// <summary>Serves a kept copy, or returns null for the rest of the pipeline to answer.</summary>
    internal Task? TryServe(HttpContext context)
    {
        var request = context.Request;
        if (!IsPlainAnonymousRead(request)
            || !copies.TryGetValue(request.Path.Value ?? "", out var copy) || !copy.IsFor(request)
            // The revision is looked for in the database once a second; that read, and any fault in it, belong to
            // the pipeline, whose error pages are behind this.
            || !programmes.TryGetFresh(out var snapshot))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (!copy.IsCurrent(snapshot, now, Lifetime))
        {
            copies.TryRemove(new KeyValuePair<string, Copy>(copy.Path, copy));
            return null;
        }

        return copy.WriteAsync(context.Response, now);
    }

    /// <summary>Runs the pipeline for an endpoint that names the programme's output cache, and keeps what it sent.</summary>
    internal async Task KeepAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        if (!IsPlainAnonymousRead(request) || !IsKeptEndpoint(context.GetEndpoint()) || !IsCanonical(path) || !HasRoomFor(path))
        {
            await next(context);
            return;
        }

        // Read before the response is made, as the output cache reads its key: a change made meanwhile leaves the
        // copy keyed on the older revision, so it is never served.
        var snapshot = await programmes.SnapshotAsync(context.RequestAborted);
        var made = clock.GetUtcNow();

        // The response is held until it is whole, then kept before a byte of it goes out: a visitor who has it can
        // count on the next one being served from the copy, and the copy is the bytes sent, not a second making.
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        await using var held = new HoldingStream(original.Stream, LargestBody);
        var holding = new StreamResponseBodyFeature(held, original);
        context.Features.Set<IHttpResponseBodyFeature>(holding);
        try
        {
            await next(context);
            // Whatever an endpoint wrote to the body's PipeWriter and did not flush reaches the stream here.
            await holding.CompleteAsync();
        }
        finally
        {
            context.Features.Set(original);
        }

        if (held.Held is not { } bytes)
        {
            // Larger than a copy is kept for: it went out as it was written.
            return;
        }

        var response = context.Response;
        if (response.StatusCode != StatusCodes.Status200OK)
        {
            // Not kept; an empty answer stays unstarted, so that the status-code pages can still make it a page.
            if (bytes.Length > 0)
            {
                await original.Stream.WriteAsync(bytes, context.RequestAborted);
            }

            return;
        }

        response.ContentLength ??= bytes.Length;
        // Runs every OnStarting callback, so the headers kept are the headers sent.
        await original.StartAsync(context.RequestAborted);
        if (response.ContentLength == bytes.Length
            && copies.Sum(kept => kept.Key == path ? 0L : kept.Value.Body.Length) + bytes.Length <= mostBytes
            && context.User.Identity?.IsAuthenticated != true
            && response.Headers.SetCookie.Count == 0
            // A response that varies by request headers or is encoded for one could be the wrong one for the next.
            && response.Headers.Vary.Count == 0 && response.Headers.ContentEncoding.Count == 0
            && !response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase))
        {
            copies[path] = new Copy(
                path, request.Scheme, request.Host.Value ?? "",
                snapshot.Revision, snapshot.RoundStatesAt(made),
                made - AgeOf(response.Headers),
                [.. response.Headers.Where(header => !PerResponseHeaders.Contains(header.Key))], bytes);
        }

        await original.Stream.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>
    /// A GET with nothing that could make it someone's own page or a conditional answer, and no query string: no
    /// programme page reads one, and leaving them to the pipeline means none can choose what a copy holds.
    /// </summary>
    private static bool IsPlainAnonymousRead(HttpRequest request)
    {
        var headers = request.Headers;
        return HttpMethods.IsGet(request.Method) && !request.QueryString.HasValue
            && headers.Cookie.Count == 0 && headers.Authorization.Count == 0
            && headers.IfNoneMatch.Count == 0 && headers.IfModifiedSince.Count == 0;
    }

    /// <summary>
    /// An endpoint that opted in, and that nothing is asked to guard: a copy is served ahead of authorization and the
    /// rate limiter, so an endpoint that names either is always left to them.
    /// </summary>
    private static bool IsKeptEndpoint(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<KeptReadyAttribute>() is not null
        && endpoint.Metadata.GetMetadata<IAuthorizeData>() is null
        && endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>() is null;

    /// <summary>
    /// Every programme address is in lower case, with no slash at its end; routing takes other cases and a last
    /// slash, and each is a page of its own (the layout compares paths exactly), so they are left to the pipeline
    /// rather than each kept.
    /// </summary>
    private static bool IsCanonical(string path) => !path.EndsWith('/') && !path.Any(char.IsUpper);

    /// <summary>Room for one more address, once copies past their lifetime have gone.</summary>
    private bool HasRoomFor(string path)
    {
        if (copies.Count < MostAddresses || copies.ContainsKey(path))
        {
            return true;
        }

        var now = clock.GetUtcNow();
        foreach (var (kept, copy) in copies)
        {
            if (now >= copy.Made + Lifetime)
            {
                copies.TryRemove(new KeyValuePair<string, Copy>(kept, copy));
            }
        }

        return copies.Count < MostAddresses;
    }

    /// <summary>A response the output cache served says how old its copy was: a copy of it is no younger.</summary>
    private static TimeSpan AgeOf(IHeaderDictionary headers) =>
        long.TryParse(headers.Age, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;

    private sealed record Copy(
        string Path, string Scheme, string Host, long Revision, RoundState[] States,
        DateTimeOffset Made, KeyValuePair<string, StringValues>[] Headers, byte[] Body)
    {
        public bool IsFor(HttpRequest request) =>
            request.Scheme == Scheme && string.Equals(request.Host.Value, Host, StringComparison.OrdinalIgnoreCase);

        // The output-cache policy's key (ProgrammeRevisionCachePolicy), and its lifetime.
        public bool IsCurrent(ProgrammeSnapshot snapshot, DateTimeOffset now, TimeSpan lifetime) =>
            snapshot.Revision == Revision && now < Made + lifetime && snapshot.HasRoundStates(States, now);

        public Task WriteAsync(HttpResponse response, DateTimeOffset now)
        {
            var headers = response.Headers;
            foreach (var (name, value) in Headers)
            {
                headers[name] = value;
            }

            headers.Age = ((long)(now - Made).TotalSeconds).ToString(CultureInfo.InvariantCulture);
            response.ContentLength = Body.Length;
            return response.Body.WriteAsync(Body).AsTask();
        }
    }
}

/// <summary>Marks an endpoint whose anonymous responses <see cref="ReadyProgrammeResponses"/> may keep.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class KeptReadyAttribute : Attribute;
