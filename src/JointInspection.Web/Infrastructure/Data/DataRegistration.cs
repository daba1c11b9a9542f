using Dapper;
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
        DateTimeHandlers.Register();

        builder.Services.AddSingleton(new Database(PortalConnectionString(builder)));
        builder.Services.AddSingleton<IStartupTask, DatabaseStartup>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

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

/// <summary>Healthy when the database opens and answers a read of the migrations journal.</summary>
public sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var applied = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {DatabaseStartup.JournalTable}");
            return HealthCheckResult.Healthy($"{applied} migrations applied");
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be read.", ex);
        }
    }
}
