using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace JointInspection.Web.Infrastructure.Data;

/// <summary>Which database the portal is on (Database:Provider); where their SQL differs, queries choose by this.</summary>
public enum SqlDialect
{
    Sqlite,
    PostgreSql,
}

/// <summary>Opens connections to the portal's database, SQLite or PostgreSQL, each set up the same way.</summary>
public sealed class Database : IDisposable
{
    /// <summary>How long a write waits for the database by default before it is refused (Database:LockWaitSeconds).</summary>
    public static readonly TimeSpan DefaultLockWait = TimeSpan.FromSeconds(5);

    // synchronous and busy_timeout are per connection in SQLite, so every open sets them.
    // FULL: an acknowledged submission must survive a power cut, not just a crash.
    private readonly string connectionPragmas = "";

    private readonly NpgsqlDataSource? postgres;

    /// <param name="connectionString">
    /// SQLite: its Default Timeout is replaced by the lock wait. PostgreSQL: an Npgsql connection string.
    /// </param>
    /// <param name="lockWait">
    /// The one figure for how long anything waits for the write lock: SQLite's busy_timeout and Microsoft.Data.Sqlite's
    /// own retrying of a busy command, PostgreSQL's lock_timeout, and this process's writer queue. Whole seconds, because
    /// the command timeout is counted in them; at least 1, since 0 would mean waiting for ever.
    /// </param>
    /// <param name="dialect">Which database the connection string is for.</param>
    public Database(string connectionString, TimeSpan? lockWait = null, SqlDialect dialect = SqlDialect.Sqlite)
    {
        // Every reader and writer of the portal's data goes through a Database, and Dapper cannot read its instants
        // and dates without the handlers: registering them here means no use of the data can come before them.
        DateTimeHandlers.Register();
        LockWait = lockWait ?? DefaultLockWait;
        if (LockWait < TimeSpan.FromSeconds(1) || LockWait.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lockWait), LockWait, "The lock wait must be a whole number of seconds, at least 1.");
        }

        Dialect = dialect;
        if (dialect == SqlDialect.PostgreSql)
        {
            // lock_timeout for the whole session: no wait for a lock (the writers' one or a row's) outlasts the lock wait.
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            builder.Options = $"{builder.Options} -c lock_timeout={(long)LockWait.TotalMilliseconds}".Trim();
            // The portal runs the same few statements over and over: prepared once per pooled connection, PostgreSQL
            // stops parsing and planning them each time (0.34 to 0.51 of the submissions ceiling). A connection string
            // that names its own figure keeps it: 0 for a pooler that cannot hold prepared statements.
            var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
            if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            {
                builder.MaxAutoPrepare = 100;
            }

            ConnectionString = builder.ConnectionString;
            DataSource = $"{builder.Host}:{builder.Port}/{builder.Database}";
            postgres = NpgsqlDataSource.Create(builder);
            return;
        }

        var sqlite = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, DefaultTimeout = (int)LockWait.TotalSeconds };
        if (sqlite.Cache == SqliteCacheMode.Shared)
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Portal must not use Cache=Shared: shared-cache mode defeats WAL and busy timeouts.");
        }

        ConnectionString = sqlite.ToString();
        DataSource = sqlite.DataSource;
        connectionPragmas = $"PRAGMA synchronous = FULL; PRAGMA busy_timeout = {(long)LockWait.TotalMilliseconds};";
    }

    // SQLite lets one connection write at a time. Others wait in the busy handler, which polls with sleeps of up to
    // 100 ms, so under load most of a request's time is spent asleep after the lock has come free. Writers in this
    // process queue here instead and are woken the moment the one before them closes its connection; busy_timeout
    // (or on PostgreSQL the writers' advisory lock) still covers other processes: the staff CLI, another node.
    private readonly SemaphoreSlim writer = new(1, 1);

    public SqlDialect Dialect { get; }

    public bool IsPostgreSql => Dialect == SqlDialect.PostgreSql;

    public string ConnectionString { get; }

    /// <summary>The SQLite file's path as given in the connection string, or PostgreSQL's host:port/database.</summary>
    public string DataSource { get; }

    /// <summary>How long a write waits for its turn and for the database's write lock before it fails as a storage fault.</summary>
    public TimeSpan LockWait { get; }

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        SetUpAsync(NewConnection(), cancellationToken);

    /// <summary>
    /// A connection for a unit of work that writes: it is this process's only writer until it is disposed. Open it
    /// for as short a time as the write needs, and start the transaction with BeginWriteAsync. Waiting longer than
    /// <see cref="LockWait"/> for the turn throws <see cref="StorageUnavailableException"/>.
    /// </summary>
    public async Task<DbConnection> OpenForWriteAsync(CancellationToken cancellationToken = default)
    {
        if (!await writer.WaitAsync(LockWait, cancellationToken))
        {
            throw new StorageUnavailableException(
                $"Another write in this process kept the database for more than {LockWait.TotalSeconds:0} s.");
        }

        var turn = new WriteTurn(writer);
        if (postgres is null)
        {
            // If opening fails, disposing the connection gives the turn back.
            return await SetUpAsync(new SqliteWriterConnection(ConnectionString, turn), cancellationToken);
        }

        // NpgsqlConnection is sealed: the turn goes back when the connection closes, which disposing does.
        var connection = postgres.CreateConnection();
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == ConnectionState.Closed)
            {
                turn.GiveBack();
            }
        };
        try
        {
            return await SetUpAsync(connection, cancellationToken);
        }
        catch
        {
            turn.GiveBack();
            throw;
        }
    }

    /// <summary>
    /// Makes a real, committed write, so that a read-only file or connection, a lock nobody lets go of or a failing
    /// disk shows here rather than in someone's submission. On SQLite it writes the header's user_version (which the
    /// portal does not use) back unchanged: the smallest write SQLite makes, and one that needs no table. On
    /// PostgreSQL it takes the writers' lock and writes the programme revision's row back unchanged.
    /// </summary>
    public async Task ProveWritableAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ProveWritableSql(connection, transaction), transaction: transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc cref="ProveWritableAsync"/>
    public void ProveWritable()
    {
        using var connection = Open();
        using var transaction = connection.BeginWrite();
        connection.Execute(ProveWritableSql(connection, transaction), transaction: transaction);
        transaction.Commit();
    }

    private string ProveWritableSql(DbConnection connection, DbTransaction transaction) => IsPostgreSql
        // A real row write, refused by a read-only server or transaction; the revision row has no trigger and keeps its value.
        ? "UPDATE programme_revision SET revision = revision WHERE id = 1"
        : $"PRAGMA user_version = {connection.ExecuteScalar<long>("PRAGMA user_version", transaction: transaction)}";

    private DbConnection NewConnection() =>
        postgres is null ? new SqliteConnection(ConnectionString) : postgres.CreateConnection();

    private async Task<DbConnection> SetUpAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!IsPostgreSql)
            {
                await connection.ExecuteAsync(connectionPragmas);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes PostgreSQL's pooled connections; the container calls it when the portal stops.</summary>
    public void Dispose()
    {
        postgres?.Dispose();
        writer.Dispose();
    }

    public DbConnection Open()
    {
        var connection = NewConnection();
        try
        {
            connection.Open();
            if (!IsPostgreSql)
            {
                connection.Execute(connectionPragmas);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
