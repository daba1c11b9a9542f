using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace JointInspection.Web.Infrastructure.Data;

/// <summary>Opens connections to the portal's SQLite database, each set up the same way.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design", "CA1001", Justification = "The writer semaphore never allocates a wait handle (only WaitAsync is used), and the database lives as long as the process.")]
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

    // SQLite lets one connection write at a time. Others wait in the busy handler, which polls with sleeps of up to
    // 100 ms, so under load most of a request's time is spent asleep after the lock has come free. Writers in this
    // process queue here instead and are woken the moment the one before them closes its connection; busy_timeout
    // still covers other processes (the staff CLI, a second node).
    private readonly SemaphoreSlim writer = new(1, 1);

    public string ConnectionString { get; }

    /// <summary>The database file's path as given in the connection string.</summary>
    public string DataSource { get; }

    public Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        SetUpAsync(new SqliteConnection(ConnectionString), cancellationToken);

    /// <summary>
    /// A connection for a unit of work that writes: it is this process's only writer until it is disposed. Open it
    /// for as short a time as the write needs, and start the transaction with BeginWrite.
    /// </summary>
    public async Task<SqliteConnection> OpenForWriteAsync(CancellationToken cancellationToken = default)
    {
        await writer.WaitAsync(cancellationToken);
        // If opening fails, disposing the connection gives the turn back.
        return await SetUpAsync(new WriterConnection(ConnectionString, writer), cancellationToken);
    }

    private static async Task<SqliteConnection> SetUpAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
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

/// <summary>A connection that gives the process's write turn back when it is disposed, once only.</summary>
internal sealed class WriterConnection(string connectionString, SemaphoreSlim writer) : SqliteConnection(connectionString)
{
    private int released;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Interlocked.Exchange(ref released, 1) == 0)
        {
            writer.Release();
        }
    }
}
