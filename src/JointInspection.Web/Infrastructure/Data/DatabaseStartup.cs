using System.Globalization;
using Dapper;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Engine.Output;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace JointInspection.Web.Infrastructure.Data;

/// <summary>
/// Brings the database up to date before the app serves anything. SQLite: WAL journal and a real write to prove the
/// file can take one, then every script in migrations/sqlite/ not yet in the journal table, in name order, each in its
/// own transaction. PostgreSQL: the scripts in migrations/postgresql/, all in one transaction, by one node at a time.
/// </summary>
public sealed partial class DatabaseStartup(Database database, ILogger<DatabaseStartup> logger) : IStartupTask
{
    public const string JournalTable = "schema_migrations";

    /// <summary>
    /// The session-level advisory lock a node holds while it migrates a PostgreSQL database, so that nodes starting
    /// together migrate once: the others wait, then find nothing left to do. The number is the portal's own ("JIPM").
    /// </summary>
    public const long MigrationLock = 0x4A49504D;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        Migrate();
        return Task.CompletedTask;
    }

    public void Migrate() => Migrate(PortalScripts(database.Dialect));

    /// <summary>
    /// The scripts in the repository's migrations/sqlite/ or migrations/postgresql/ folder, compiled into the app. Each
    /// is named in the journal by its file name alone, as before the scripts moved into a folder per database, so
    /// existing databases upgrade untouched.
    /// </summary>
    public static IReadOnlyList<SqlScript> PortalScripts(SqlDialect dialect = SqlDialect.Sqlite)
    {
        var prefix = dialect == SqlDialect.PostgreSql ? "migrations.postgresql." : "migrations.sqlite.";
        var assembly = typeof(DatabaseStartup).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return new SqlScript(name[prefix.Length..], reader.ReadToEnd());
            })
            .ToList();
    }

    public void Migrate(IEnumerable<SqlScript> scripts)
    {
        if (database.IsPostgreSql)
        {
            MigratePostgreSql(scripts);
            return;
        }

        EnsureFolderExists();
        try
        {
            using var connection = database.Open();
            using var command = connection.CreateCommand();
            // WAL persists in the file; readers then never block the writer.
            command.CommandText = "PRAGMA journal_mode = WAL;";
            command.ExecuteScalar();
            // Once the file is in WAL mode that pragma writes nothing, so a file that can only be read passes it.
            database.ProveWritable();
        }
        catch (SqliteException ex)
        {
            throw new StartupException(
                $"Cannot open the database '{database.DataSource}' for writing: {ex.Message} " +
                "Check ConnectionStrings:Portal and that its folder is writable.", ex);
        }

        // Foreign keys are off while scripts run, as SQLite's own way to rebuild a table needs (a script that rebuilds
        // one checks its foreign keys itself before it commits); every other connection has them on.
        var migrating = new SqliteConnectionStringBuilder(database.ConnectionString) { ForeignKeys = false }.ToString();
        Upgrade(
            DeployChanges.To.SqliteDatabase(migrating).WithScripts(scripts).JournalToSqliteTable(JournalTable).WithTransactionPerScript(),
            "was rolled back");
    }

    /// <summary>Runs the pending scripts; <paramref name="rolledBack"/> says, for the operator, what a failure undid.</summary>
    private void Upgrade(UpgradeEngineBuilder upgrade, string rolledBack)
    {
        var result = upgrade.WithVariablesDisabled().LogTo(new UpgradeLog(logger)).Build().PerformUpgrade();
        if (!result.Successful)
        {
            var script = result.ErrorScript?.Name ?? "(unknown script)";
            throw new StartupException($"Migration {script} failed and {rolledBack}: {result.Error.Message}", result.Error);
        }
    }

    /// <summary>
    /// Every pending script in one transaction (PostgreSQL's DDL is transactional), so a script that fails leaves the
    /// schema as it was, never half-migrated; under the migration lock, so a node that starts meanwhile waits and then
    /// sees either the whole change or none of it, and in the second case tries it itself and fails the same way.
    /// </summary>
    private void MigratePostgreSql(IEnumerable<SqlScript> scripts)
    {
        NpgsqlConnection connection;
        try
        {
            connection = (NpgsqlConnection)database.Open();
        }
        catch (NpgsqlException ex)
        {
            throw new StartupException(
                $"Cannot connect to PostgreSQL at {database.DataSource}: {ex.Message.TrimEnd('.')}. Check ConnectionStrings:Portal and that the server is running.", ex);
        }

        using (connection)
        {
            // The session's lock_timeout is for requests; a node waits for another's migration however long it takes.
            connection.Execute("SET lock_timeout = 0");
            if (!connection.ExecuteScalar<bool>("SELECT pg_try_advisory_lock(@MigrationLock)", new { MigrationLock }))
            {
                WaitingForMigration(logger, database.DataSource);
                connection.Execute("SELECT pg_advisory_lock(@MigrationLock)", new { MigrationLock });
            }

            try
            {
                Upgrade(
                    DeployChanges.To.PostgresqlDatabase(database.ConnectionString).WithScripts(scripts)
                        .JournalToPostgresqlTable("public", JournalTable).WithTransaction(),
                    "every script of this start-up was rolled back");
            }
            finally
            {
                connection.Execute("SELECT pg_advisory_unlock(@MigrationLock)", new { MigrationLock });
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another node is migrating the database {Database}; waiting for it to finish.")]
    private static partial void WaitingForMigration(ILogger logger, string database);

    private void EnsureFolderExists()
    {
        if (database.DataSource is "" or ":memory:")
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(database.DataSource));
        if (folder is null || Directory.Exists(folder))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException(
                $"Cannot create the database folder '{folder}': {ex.Message} Check ConnectionStrings:Portal.", ex);
        }
    }

    /// <summary>DbUp writes composite-format strings; this hands them to the app's logger.</summary>
    private sealed class UpgradeLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => Write(LogLevel.Trace, null, format, args);

        public void LogDebug(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);

        public void LogInformation(string format, params object[] args) => Write(LogLevel.Information, null, format, args);

        public void LogWarning(string format, params object[] args) => Write(LogLevel.Warning, null, format, args);

        public void LogError(string format, params object[] args) => Write(LogLevel.Error, null, format, args);

        public void LogError(Exception ex, string format, params object[] args) => Write(LogLevel.Error, ex, format, args);

        private void Write(LogLevel level, Exception? exception, string format, object[] args)
        {
            if (logger.IsEnabled(level))
            {
                logger.Log(level, exception, "{Migration}", string.Format(CultureInfo.InvariantCulture, format, args));
            }
        }
    }
}
