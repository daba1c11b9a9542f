using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace JointInspection.Web.Infrastructure.Data;

/// <summary>Opens connections to the portal's SQLite database, each set up the same way.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design", "CA1001", Justification = "The writer semaphore never allocates a wait handle (only WaitAsync is used), and the database lives as long as the process.")]
public sealed class Database
{
    /// <summary>How long a write waits for the database by default before it is refused (Database:LockWaitSeconds).</summary>
    public static readonly TimeSpan DefaultLockWait = TimeSpan.FromSeconds(5);

    // synchronous and busy_timeout are per connection in SQLite, so every open sets them.
    // FULL: an acknowledged submission must survive a power cut, not just a crash.
    private readonly string connectionPragmas;

    /// <param name="connectionString">The SQLite connection string; its Default Timeout is replaced by the lock wait.</param>
    /// <param name="lockWait">
    /// The one figure for how long anything waits for the write lock: SQLite's busy_timeout, Microsoft.Data.Sqlite's
    /// own retrying of a busy command (its command timeout, 30 s unless set) and this process's writer queue. Whole
    /// seconds, because the command timeout is counted in them; at least 1, since 0 would mean waiting for ever.
    /// </param>
    public Database(string connectionString, TimeSpan? lockWait = null)
    {
        // Every reader and writer of the portal's data goes through a Database, and Dapper cannot read its instants
        // and dates without the handlers: registering them here means no use of the data can come before them.
        DateTimeHandlers.Register();
        LockWait = lockWait ?? DefaultLockWait;
        if (LockWait < TimeSpan.FromSeconds(1) || LockWait.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lockWait), LockWait, "The lock wait must be a whole number of seconds, at least 1.");
        }

        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, DefaultTimeout = (int)LockWait.TotalSeconds };
        if (builder.Cache == SqliteCacheMode.Shared)
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Portal must not use Cache=Shared: shared-cache mode defeats WAL and busy timeouts.");
        }

        ConnectionString = builder.ToString();
        DataSource = builder.DataSource;
        connectionPragmas = $"PRAGMA synchronous = FULL; PRAGMA busy_timeout = {(long)LockWait.TotalMilliseconds};";
    }

    // SQLite lets one connection write at a time. Others wait in the busy handler, which polls with sleeps of up to
    // 100 ms, so under load most of a request's time is spent asleep after the lock has come free. Writers in this
    // process queue here instead and are woken the moment the one before them closes its connection; busy_timeout
    // still covers other processes (the staff CLI, a second node).
    private readonly SemaphoreSlim writer = new(1, 1);

    public string ConnectionString { get; }

    /// <summary>The database file's path as given in the connection string.</summary>
    public string DataSource { get; }

    /// <summary>How long a write waits for its turn and for SQLite's write lock before it fails as a storage fault.</summary>
    public TimeSpan LockWait { get; }

    public Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        SetUpAsync(new SqliteConnection(ConnectionString), cancellationToken);

    /// <summary>
    /// A connection for a unit of work that writes: it is this process's only writer until it is disposed. Open it
    /// for as short a time as the write needs, and start the transaction with BeginWrite. Waiting longer than
    /// <see cref="LockWait"/> for the turn throws <see cref="StorageUnavailableException"/>.
    /// </summary>
    public async Task<SqliteConnection> OpenForWriteAsync(CancellationToken cancellationToken = default)
    {
        if (!await writer.WaitAsync(LockWait, cancellationToken))
        {
            throw new StorageUnavailableException(
                $"Another write in this process kept the database for more than {LockWait.TotalSeconds:0} s.");
        }

        // If opening fails, disposing the connection gives the turn back.
        return await SetUpAsync(new WriterConnection(ConnectionString, writer), cancellationToken);
    }

    /// <summary>
    /// Makes a real, committed write, so that a read-only file or connection, a lock nobody lets go of or a failing
    /// disk shows here rather than in someone's submission. It writes the header's user_version (which the portal
    /// does not use) back unchanged: the smallest write SQLite makes, and one that needs no table.
    /// </summary>
    public async Task ProveWritableAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenForWriteAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        await WriteUserVersionBackAsync(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc cref="ProveWritableAsync"/>
    public void ProveWritable()
    {
        using var connection = Open();
        using var transaction = connection.BeginWrite();
        var version = connection.ExecuteScalar<long>("PRAGMA user_version", transaction: transaction);
        connection.Execute($"PRAGMA user_version = {version}", transaction: transaction);
        transaction.Commit();
    }

    private static async Task WriteUserVersionBackAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        var version = await connection.ExecuteScalarAsync<long>("PRAGMA user_version", transaction: transaction);
        await connection.ExecuteAsync($"PRAGMA user_version = {version}", transaction: transaction);
    }

    private async Task<SqliteConnection> SetUpAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(connectionPragmas);
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
            connection.Execute(connectionPragmas);
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
