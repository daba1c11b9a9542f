using System.Threading.RateLimiting;
using Dapper;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Submissions;

/// <summary>
/// The submission rate limit (Submissions:RateLimit) counted in the database, so that it is one count for a client
/// address whichever node its requests reach. Windows are fixed and aligned to the clock (a 600-second window starts
/// on the hour and every ten minutes after); each POST that the limit applies to takes one from its window before the
/// page or endpoint runs, in a short write of its own.
/// </summary>
public sealed class SubmissionRateCount(Database database, TimeProvider clock, SubmissionRateLimit limit)
{
    // Only while the count is under the limit: a refused request neither counts nor returns a row.
    private const string Take =
        """
        INSERT INTO submission_rate (client_key, window_start, count) VALUES (@client, @windowStart, 1)
        ON CONFLICT (client_key, window_start) DO UPDATE SET count = submission_rate.count + 1
         WHERE submission_rate.count < @PermitLimit
        RETURNING count
        """;

    private const string ForgetEndedWindows = "DELETE FROM submission_rate WHERE window_start < @windowStart";

    // Take and, on a window's first count, ForgetEndedWindows, as one PostgreSQL statement. A count lost in a crash only
    // lets a few more through, so its commit does not wait for the disk: set_config(…, true) lasts for this statement's
    // transaction alone.
    private const string TakeInOneStatement =
        """
        WITH quick AS (SELECT set_config('synchronous_commit', 'off', true)),
        taken AS (
            INSERT INTO submission_rate (client_key, window_start, count) SELECT @client, @windowStart, 1 FROM quick
            ON CONFLICT (client_key, window_start) DO UPDATE SET count = submission_rate.count + 1
             WHERE submission_rate.count < @PermitLimit
            RETURNING count),
        forgotten AS (DELETE FROM submission_rate WHERE window_start < @windowStart AND EXISTS (SELECT 1 FROM taken WHERE count = 1))
        SELECT count FROM taken
        """;

    /// <summary>The key the limit is counted under: the client's address, as the draft-save and feedback limits key theirs.</summary>
    public static string ClientKey(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    /// <summary>Takes one submission from the client's allowance for the current window; refused, it says when the window ends.</summary>
    public async Task<RateLimitLease> TakeAsync(string client, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % limit.Window.Ticks), TimeSpan.Zero);
        var parameters = new { client, windowStart, limit.PermitLimit };
        long? count;
        if (database.IsPostgreSql)
        {
            // No writers' lock: the row's own lock makes the count exact, and requests from other addresses need not
            // queue behind submissions being stored. One statement sent on its own is its own transaction, so that lock
            // is held only while PostgreSQL runs it, never across a round trip to a portal busy with other requests:
            // held across one, every request from the address queued behind it (0.09 of the ceiling under load).
            await using var connection = await database.OpenAsync(cancellationToken);
            count = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(TakeInOneStatement, parameters, cancellationToken: cancellationToken));
        }
        else
        {
            await using var connection = await database.OpenForWriteAsync(cancellationToken);
            // As on PostgreSQL, the commit need not wait for the disk: in WAL mode NORMAL syncs at the next checkpoint, or at
            // the next commit made with FULL (a submission's), which every connection is set back to when it is opened.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA synchronous = NORMAL", cancellationToken: cancellationToken));
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            count = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(Take, parameters, transaction, cancellationToken: cancellationToken));
            if (count == 1)
            {
                await connection.ExecuteAsync(new CommandDefinition(ForgetEndedWindows, parameters, transaction, cancellationToken: cancellationToken));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return count is null ? new CountedLease(false, windowStart + limit.Window - now) : CountedLease.Granted;
    }

    private sealed class CountedLease(bool acquired, TimeSpan retryAfter) : RateLimitLease
    {
        public static readonly CountedLease Granted = new(true, TimeSpan.Zero);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !acquired && metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}

/// <summary>
/// One client address's share of the rate-limiting middleware's submissions policy, answered by
/// <see cref="SubmissionRateCount"/>. The middleware first asks without waiting, then waits: the database is asked only
/// in the wait, so a request never blocks a thread on it.
/// </summary>
internal sealed class DatabaseCountedLimiter(SubmissionRateCount count, string client) : RateLimiter
{
    private static readonly RateLimitLease MustAsk = new NotYetCounted();

    private long lastUsed = Environment.TickCount64;

    // Lets the middleware forget an address it has not seen for a while; the count itself is in the database.
    public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => MustAsk;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref lastUsed, Environment.TickCount64);
        return await count.TakeAsync(client, cancellationToken);
    }

    private sealed class NotYetCounted : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
