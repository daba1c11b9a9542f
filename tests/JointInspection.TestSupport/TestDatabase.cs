using System.Data.Common;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace JointInspection.TestSupport;

/// <summary>
/// Which database the tests run the portal on: SQLite unless PORTAL_TEST_DATABASE is postgresql, when every test portal
/// gets a fresh database of its own on one PostgreSQL server that this test process starts at its first use and stops
/// when it exits.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "PORTAL_TEST_DATABASE";

    private const string Template = "portal_template";

    private static readonly Lazy<Task<PostgresServer>> Server = new(StartServerAsync);

    public static SqlDialect Dialect { get; } = DataRegistration.Dialect(Environment.GetEnvironmentVariable(Variable));

    public static bool IsPostgreSql => Dialect == SqlDialect.PostgreSql;

    /// <summary>
    /// An open connection to a test portal's database by its connection string, for tests that write rows directly or
    /// reach the database from outside the portal (another process, the CLI). Prefer PortalFactory.OpenDatabase.
    /// </summary>
    public static DbConnection Open(string connectionString)
    {
        DbConnection connection = IsPostgreSql ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// SQL that makes the database refuse a write to <paramref name="table"/> with <paramref name="message"/>, as a
    /// full disk or a broken constraint would: a trigger on <paramref name="change"/> (say "BEFORE INSERT" or
    /// "BEFORE UPDATE OF sent_at"), only when <paramref name="when"/> holds if given. Undo it with <see cref="AllowSql"/>.
    /// </summary>
    public static string RefuseSql(string name, string change, string table, string message, string? when = null) => IsPostgreSql
        ? $"""
          CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{message}'; END $$;
          CREATE TRIGGER {name} {change} ON {table} FOR EACH ROW {(when is null ? "" : $"WHEN ({when}) ")}EXECUTE FUNCTION {name}();
          """
        : $"CREATE TRIGGER {name} {change} ON {table} {(when is null ? "" : $"WHEN {when} ")}BEGIN SELECT RAISE(ABORT, '{message}'); END;";

    /// <summary>Removes a trigger made by <see cref="RefuseSql"/>.</summary>
    public static string AllowSql(string name, string table) =>
        IsPostgreSql ? $"DROP TRIGGER {name} ON {table}; DROP FUNCTION {name}();" : $"DROP TRIGGER {name};";

    /// <summary>
    /// A new database, already migrated: a copy of a template migrated once per test process, which is much quicker
    /// than migrating each one (the portal still runs its migrations at start-up, and finds none left to do).
    /// With <paramref name="migrated"/> false, an empty one, for tests of the migrations themselves.
    /// </summary>
    public static async Task<string> CreatePostgreSqlAsync(bool migrated = true)
    {
        var server = await Server.Value;
        return await server.CreateDatabaseAsync($"portal_{Guid.NewGuid():N}", migrated ? Template : null);
    }

    /// <summary>
    /// ConnectionStrings:Portal for a portal process of a test's own (see PortalProcess, which sets the provider): a
    /// SQLite file in <paramref name="folder"/>, made by the process, or on PostgreSQL a new database of the run's
    /// server. <see cref="DropForProcessAsync"/> removes it.
    /// </summary>
    public static async Task<string> ForProcessAsync(string folder) =>
        IsPostgreSql ? await CreatePostgreSqlAsync() : $"Data Source={Path.Combine(folder, "portal.db")}";

    /// <summary>Removes what <see cref="ForProcessAsync"/> made on PostgreSQL; a SQLite file goes with its folder.</summary>
    public static Task DropForProcessAsync(string connectionString) =>
        IsPostgreSql ? DropPostgreSqlAsync(connectionString) : Task.CompletedTask;

    /// <summary>Removes a database made by <see cref="CreatePostgreSqlAsync"/>, closing whatever is still connected to it.</summary>
    public static async Task DropPostgreSqlAsync(string connectionString)
    {
        var server = await Server.Value;
        await server.DropDatabaseAsync(new NpgsqlConnectionStringBuilder(connectionString).Database!);
    }

    private static async Task<PostgresServer> StartServerAsync()
    {
        var server = await PostgresServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        var template = await server.CreateDatabaseAsync(Template);
        using (var database = new Database(template, dialect: SqlDialect.PostgreSql))
        {
            new DatabaseStartup(database, NullLogger<DatabaseStartup>.Instance).Migrate();
        }

        // A template must have nobody connected to it to be copied, and DbUp's connections are in Npgsql's own pools.
        NpgsqlConnection.ClearAllPools();
        return server;
    }
}
