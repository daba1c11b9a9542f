using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace JointInspection.Web.Infrastructure.Data;

/// <summary>A write could not have its turn in time: nothing of it was stored.</summary>
public sealed class StorageUnavailableException(string message) : Exception(message);

/// <summary>
/// Faults of the database's storage rather than of the request: the lock not free in time, the file read-only, the
/// disk full or failing, the file gone. Whoever sent the request did nothing wrong, nothing was stored, and trying
/// again later may work, so they are a 503 with Retry-After rather than a 500.
/// </summary>
public static class StorageFaults
{
    public const string NothingSaved = "Nothing was saved. Try again in a few minutes.";

    /// <summary>Retry-After's value in seconds: "a few minutes".</summary>
    public const int RetryAfterSeconds = 120;

    /// <summary>Marks a page shown again after a storage fault as 503 with Retry-After, for the browser and any proxy.</summary>
    public static void Refuse(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private const int Busy = 5, Locked = 6, ReadOnly = 8, IoError = 10, Full = 13, CannotOpen = 14, Constraint = 19;

    public static bool Is(Exception? exception) => exception switch
    {
        null => false,
        StorageUnavailableException => true,
        // The primary code is the low byte of an extended one (SQLITE_IOERR_WRITE is IOERR and more).
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is Busy or Locked or ReadOnly or IoError or Full or CannotOpen,
        PostgresException postgres => IsStorageState(postgres.SqlState),
        // Npgsql's own exceptions (not the server's) are the server unreachable, the connection lost or the pool empty.
        NpgsqlException => true,
        _ => Is(exception.InnerException),
    };

    /// <summary>
    /// A constraint of the schema refused the write (SQLite's SQLITE_CONSTRAINT, PostgreSQL's class 23): the data was
    /// wrong, not the storage.
    /// </summary>
    public static bool IsConstraintViolation(Exception? exception) => exception switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) == Constraint,
        PostgresException postgres => postgres.SqlState.StartsWith("23", StringComparison.Ordinal),
        _ => false,
    };

    // PostgreSQL's SQLSTATE classes for the same faults: lock not available in time (55P03), a lock or statement
    // cancelled by timeout (57014), the server shutting down or not yet up (57P01-57P03), out of disk, memory or
    // connections (53), a read-only transaction or standby (25006), the connection lost (08).
    private static bool IsStorageState(string state) =>
        state is "55P03" or "57014" or "57P01" or "57P02" or "57P03" or "25006"
        || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("08", StringComparison.Ordinal);
}

/// <summary>
/// Answers a storage fault with 503 and Retry-After. The API gets ProblemDetails here; the site's error page
/// (/error) says the same in words, since what a person typed into a journey is kept in their draft.
/// </summary>
public sealed partial class StorageFaultHandler(ILogger<StorageFaultHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!StorageFaults.Is(exception))
        {
            return false;
        }

        Refused(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return false;
        }

        httpContext.Response.Headers.RetryAfter = StorageFaults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The portal cannot store anything just now",
            detail: StorageFaults.NothingSaved)
            .ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database could not take {Method} {Path}; answered 503.")]
    private static partial void Refused(ILogger logger, string method, PathString path, Exception exception);
}
