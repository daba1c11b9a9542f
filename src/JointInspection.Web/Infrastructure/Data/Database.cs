using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace JointInspection.Web.Infrastructure.Data;

/// <summary>Opens connections to the portal's SQLite database, each set up the same way.</summary>
public sealed class Database
{
    // synchronous and busy_timeout are per connection in SQLite, so every open sets them.
    // FULL: an acknowledged submission must survive a power cut, not just a crash.
    private const string ConnectionPragmas =
        "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;";

    public Database(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        if (builder.Cache == SqliteCacheMode.Shared)
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Portal must not use Cache=Shared: shared-cache mode defeats WAL and busy timeouts.");
        }

        ConnectionString = builder.ToString();
        DataSource = builder.DataSource;
    }

    public string ConnectionString { get; }

    /// <summary>The database file's path as given in the connection string.</summary>
    public string DataSource { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(ConnectionPragmas);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            connection.Execute(ConnectionPragmas);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}

public static class SqliteConnectionExtensions
{
    /// <summary>
    /// Starts a write transaction with BEGIN IMMEDIATE, taking the write lock at the start: a deferred
    /// transaction that later upgrades to a write can fail with SQLITE_BUSY instead of waiting.
    /// </summary>
    public static SqliteTransaction BeginWrite(this SqliteConnection connection) =>
        connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
}
