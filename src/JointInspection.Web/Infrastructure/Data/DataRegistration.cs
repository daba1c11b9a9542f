using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JointInspection.Web.Infrastructure.Data;

public static class DataRegistration
{
    /// <summary>
    /// The database from ConnectionStrings:Portal, by default a SQLite file under App_Data/ in the
    /// content root; migrated before the app serves its first request.
    /// </summary>
    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        var connectionString = PortalConnectionString(builder);
        var lockWaitSeconds = builder.Configuration.GetValue<int?>("Database:LockWaitSeconds");
        // Made when first asked for, which is by the start-up tasks, so that a bad setting stops start-up with one line.
        builder.Services.AddSingleton(_ => new Database(connectionString, LockWait(lockWaitSeconds)));
        builder.Services.AddSingleton<IStartupTask, DatabaseStartup>();
        builder.Services.AddExceptionHandler<StorageFaultHandler>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>The most Database:LockWaitSeconds may be: a request held longer than this has long been given up on.</summary>
    public const int MaxLockWaitSeconds = 60;

    private static TimeSpan LockWait(int? seconds) => seconds switch
    {
        null => Database.DefaultLockWait,
        >= 1 and <= MaxLockWaitSeconds => TimeSpan.FromSeconds(seconds.Value),
        _ => throw new StartupException($"Database:LockWaitSeconds must be a whole number of seconds from 1 to {MaxLockWaitSeconds}; it is {seconds}."),
    };

    /// <summary>ConnectionStrings:Portal, or the SQLite file under App_Data/ in the content root when it is not set.</summary>
    public static string PortalConnectionString(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString("Portal");
        return string.IsNullOrWhiteSpace(connectionString)
            ? $"Data Source={Path.Combine(builder.Environment.ContentRootPath, "App_Data", "portal.db")}"
            : connectionString;
    }
}

/// <summary>Healthy when the database takes a real write (<see cref="Database.ProveWritableAsync"/>), within the lock wait.</summary>
public sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.ProveWritableAsync(cancellationToken);
            return HealthCheckResult.Healthy("The database takes writes.");
        }
        catch (Exception ex) when (StorageFaults.Is(ex) || ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database cannot take a write.", ex);
        }
    }
}
