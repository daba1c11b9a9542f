using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JointInspection.Web.Infrastructure.Data;

public static class DataRegistration
{
    /// <summary>
    /// The database from Database:Provider (sqlite, the default, or postgresql) and ConnectionStrings:Portal, by default
    /// a SQLite file under App_Data/ in the content root; migrated before the app serves its first request.
    /// </summary>
    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var provider = builder.Configuration["Database:Provider"];
        var connectionString = builder.Configuration.GetConnectionString("Portal");
        var lockWaitSeconds = builder.Configuration.GetValue<int?>("Database:LockWaitSeconds");
        // Made when first asked for, which is by the start-up tasks, so that a bad setting stops start-up with one line.
        builder.Services.AddSingleton(_ =>
        {
            var dialect = Dialect(provider);
            return dialect == SqlDialect.PostgreSql && string.IsNullOrWhiteSpace(connectionString)
                ? throw new StartupException("Database:Provider is postgresql, so ConnectionStrings:Portal must hold an Npgsql connection string (Host=…;Database=…;Username=…;Password=…).")
                : Open(PortalConnectionString(builder), LockWait(lockWaitSeconds), dialect);
        });
        builder.Services.AddSingleton<PortalNode>();
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

    private static Database Open(string connectionString, TimeSpan lockWait, SqlDialect dialect)
    {
        try
        {
            return new Database(connectionString, lockWait, dialect);
        }
        catch (ArgumentException ex)
        {
            throw new StartupException($"ConnectionStrings:Portal is not a {dialect} connection string: {ex.Message}", ex);
        }
    }

    /// <summary>Database:Provider: sqlite when it is not set.</summary>
    public static SqlDialect Dialect(string? provider) => provider?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => SqlDialect.Sqlite,
        "postgresql" or "postgres" => SqlDialect.PostgreSql,
        _ => throw new StartupException($"Database:Provider must be sqlite or postgresql; it is '{provider}'."),
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
        catch (Exception ex) when (StorageFaults.Is(ex) || ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database cannot take a write.", ex);
        }
    }
}
