using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace JointInspection.Web.Infrastructure.Data;

public static class DbConnectionExtensions
{
    /// <summary>
    /// Every write transaction on PostgreSQL first takes this one advisory lock, so writers queue one at a time across
    /// every node just as SQLite's single writer makes them: each store checks its rules against the rows as they are
    /// and then writes, and that check stays true until the commit. The number is the portal's own ("JIPW").
    /// </summary>
    public const long WritersLock = 0x4A495057;

    /// <summary>
    /// Starts a write transaction that holds the database's write lock from its start. SQLite: BEGIN IMMEDIATE (a
    /// deferred transaction that later upgrades to a write can fail with SQLITE_BUSY instead of waiting). PostgreSQL:
    /// the writers' advisory lock, waiting no longer than the lock wait.
    /// </summary>
    public static DbTransaction BeginWrite(this DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is SqliteConnection sqlite)
        {
            return sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        }

        var transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);
        connection.Execute(TakeWritersLock, transaction: transaction);
        return transaction;
    }

    /// <inheritdoc cref="BeginWrite"/>
    public static async Task<DbTransaction> BeginWriteAsync(this DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is SqliteConnection sqlite)
        {
            return sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(TakeWritersLock, transaction: transaction, cancellationToken: cancellationToken));
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// "IN @list" on SQLite, "= ANY (@list)" on PostgreSQL: that a value is one of a list parameter's. Dapper expands a
    /// list into IN (…) for SQLite, but hands it to PostgreSQL as one array.
    /// </summary>
    public static string InList(this DbConnection connection, string parameter) =>
        connection is SqliteConnection ? $"IN @{parameter}" : $"= ANY (@{parameter})";

    /// <summary>"NOT IN @list" on SQLite, "&lt;&gt; ALL (@list)" on PostgreSQL: that a value is none of a list parameter's.</summary>
    public static string NotInList(this DbConnection connection, string parameter) =>
        connection is SqliteConnection ? $"NOT IN @{parameter}" : $"<> ALL (@{parameter})";

    /// <summary>
    /// A transaction that only reads, all of it from one snapshot: SQLite's deferred transaction, PostgreSQL's
    /// repeatable read (a snapshot taken at its first query and kept to the end).
    /// </summary>
    public static DbTransaction BeginRead(this DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: true)
            : connection.BeginTransaction(IsolationLevel.RepeatableRead);
    }

    // The session's lock_timeout (set by Database) bounds the wait; the lock ends with the transaction.
    private static readonly string TakeWritersLock = $"SELECT pg_advisory_xact_lock({WritersLock})";
}

/// <summary>This process's write turn, given back once however many times it is asked to be.</summary>
internal sealed class WriteTurn(SemaphoreSlim writer)
{
    private int released;

    public void GiveBack()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            writer.Release();
        }
    }
}

/// <summary>A SQLite connection that gives the process's write turn back when it is disposed.</summary>
internal sealed class SqliteWriterConnection(string connectionString, WriteTurn turn) : SqliteConnection(connectionString)
{
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            turn.GiveBack();
        }
    }
}
