using Dapper;
using DbUp.Engine;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace JointInspection.Tests.Data;

/// <summary>
/// The migrations of migrations/postgresql/ on a new, empty PostgreSQL database: all journalled, once however many
/// nodes start together, and all or nothing.
/// </summary>
[Trait("Database", "postgresql-only")]
public sealed class PostgresMigrationTests : IAsyncLifetime
{
    private string connectionString = "";

    public async Task InitializeAsync() => connectionString = await TestDatabase.CreatePostgreSqlAsync(migrated: false);

    public Task DisposeAsync() => TestDatabase.DropPostgreSqlAsync(connectionString);

    private Database NewDatabase() => new(connectionString, dialect: SqlDialect.PostgreSql);

    private static DatabaseStartup Startup(Database database) => new(database, NullLogger<DatabaseStartup>.Instance);

    private static List<string> ScriptFiles() =>
        Directory.GetFiles(Path.Combine(Repository.Root(), "migrations", "postgresql"), "*.sql")
            .Select(path => Path.GetFileName(path)!).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void A_new_database_is_migrated_and_its_journal_names_every_script_once()
    {
        using var database = NewDatabase();
        Startup(database).Migrate();
        Startup(database).Migrate();

        using var connection = database.Open();
        var journal = connection.Query<string>($"SELECT scriptname FROM {DatabaseStartup.JournalTable} ORDER BY scriptname").ToList();
        Assert.Equal(ScriptFiles(), journal);
        Assert.Equal(DatabaseStartup.PortalScripts(SqlDialect.PostgreSql).Select(s => s.Name), journal);
        Assert.Equal(16L, connection.ExecuteScalar<long>("SELECT count(*) FROM workstream"));
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT count(*) FROM programme_round"));
    }

    [Fact]
    public async Task Two_nodes_starting_together_on_a_new_database_both_start_and_migrate_it_once()
    {
        using var first = NewDatabase();
        using var second = NewDatabase();
        using var together = new Barrier(2);

        var starts = new[] { first, second }
            .Select(database => Task.Factory.StartNew(
                () =>
                {
                    together.SignalAndWait(TestPatience.SafetyNet);
                    Startup(database).Migrate();
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default))
            .ToArray();
        await Task.WhenAll(starts).WaitAsync(TestPatience.SafetyNet);

        using var connection = first.Open();
        var journal = connection.Query<(string Script, long Times)>(
            $"SELECT scriptname, count(*) FROM {DatabaseStartup.JournalTable} GROUP BY scriptname ORDER BY scriptname").ToList();
        Assert.Equal(ScriptFiles(), journal.Select(j => j.Script));
        Assert.All(journal, j => Assert.Equal(1L, j.Times));
        Assert.Equal(16L, connection.ExecuteScalar<long>("SELECT count(*) FROM workstream"));
    }

    [Fact]
    public void A_failing_script_stops_start_up_naming_it_and_leaves_nothing_of_any_script_of_that_start()
    {
        using var database = NewDatabase();
        var broken = new SqlScript(
            "9999_broken.sql",
            "CREATE TABLE half_made (id bigint PRIMARY KEY); INSERT INTO no_such_table VALUES (1);");

        var error = Assert.Throws<StartupException>(
            () => Startup(database).Migrate(DatabaseStartup.PortalScripts(SqlDialect.PostgreSql).Append(broken)));

        Assert.Contains("9999_broken.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
        using var connection = database.Open();
        // Not half_made, nor any table of the scripts before it, nor a journal saying they ran.
        Assert.Empty(connection.Query<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> @JournalTable",
            new { DatabaseStartup.JournalTable }));
        var journalled = connection.ExecuteScalar<bool>($"SELECT to_regclass('{DatabaseStartup.JournalTable}') IS NOT NULL")
            ? connection.Query<string>($"SELECT scriptname FROM {DatabaseStartup.JournalTable}").ToList()
            : [];
        Assert.Empty(journalled);
    }
}
