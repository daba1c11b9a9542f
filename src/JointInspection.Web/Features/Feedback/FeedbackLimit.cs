using System.Globalization;
using System.Threading.RateLimiting;

namespace JointInspection.Web.Features.Feedback;

/// <summary>
/// How much feedback one client address may send: Feedback:RateLimit:PermitLimit in Feedback:RateLimit:WindowSeconds,
/// counted per portal node. The page asks it directly, rather than through the rate-limiting middleware, so that a
/// person over the limit gets the form back with what they typed and a message, not an error page.
/// </summary>
public sealed class FeedbackLimit(int permitLimit, TimeSpan window) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
        }));

    public int PermitLimit => permitLimit;

    public TimeSpan Window => window;

    /// <summary>"10 minutes": how long to wait at most, in the words the page uses.</summary>
    public string WindowInWords => window >= TimeSpan.FromMinutes(1)
        ? Plural((int)Math.Ceiling(window.TotalMinutes), "minute")
        : Plural((int)Math.Ceiling(window.TotalSeconds), "second");

    /// <summary>Takes one of this client's permits; a lease that is not acquired says when to try again.</summary>
    public RateLimitLease Take(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    /// <summary>Retry-After's value for a refused lease, in whole seconds, at least one.</summary>
    public string RetryAfter(RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
        return Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    public void Dispose() => limiter.Dispose();

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
