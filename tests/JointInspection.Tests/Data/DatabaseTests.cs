using Dapper;
using DbUp.Engine;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace JointInspection.Tests.Data;

// SQLite files of its own: their PRAGMAs, migrations/sqlite/ and its journal; PostgresMigrationTests is PostgreSQL's.
[Trait("Database", "sqlite-only")]
public sealed class DatabaseTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("joint-inspection-db-").FullName;

    private Database NewDatabase(string file = "portal.db") => new($"Data Source={Path.Combine(folder, file)}");

    private static DatabaseStartup Startup(Database database) => new(database, NullLogger<DatabaseStartup>.Instance);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Writers_in_the_process_take_turns_and_each_turn_ends_when_its_connection_is_disposed()
    {
        var database = NewDatabase();
        Startup(database).Migrate();

        var first = await database.OpenForWriteAsync();
        var second = database.OpenForWriteAsync();
        await Task.Delay(100);
        Assert.False(second.IsCompleted, "a second writer must wait while the first holds its turn");

        await first.DisposeAsync();
        await using var next = await second.WaitAsync(TestPatience.SafetyNet);
        Assert.Equal(2L, next.ExecuteScalar<long>("PRAGMA synchronous"));

        // Disposing twice gives the turn back once: a third writer still has to wait for the second.
        await first.DisposeAsync();
        var third = database.OpenForWriteAsync();
        await Task.Delay(100);
        Assert.False(third.IsCompleted);
        await next.DisposeAsync();
        await using var last = await third.WaitAsync(TestPatience.SafetyNet);
    }

    [Fact]
    public void Every_connection_is_durable_and_enforces_foreign_keys()
    {
        var database = NewDatabase();
        Startup(database).Migrate();

        using var connection = database.Open();
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(2L, connection.ExecuteScalar<long>("PRAGMA synchronous")); // 2 = FULL
        Assert.Equal(1L, connection.ExecuteScalar<long>("PRAGMA foreign_keys"));
        Assert.Equal(5000L, connection.ExecuteScalar<long>("PRAGMA busy_timeout"));
        var orphan = Assert.Throws<SqliteException>(() => connection.Execute(
            "INSERT INTO workstream_participant (workstream_id, inspectorate_code, role) VALUES (1, 'no-such-body', 'supporting')"));
        Assert.Equal(19, orphan.SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    [Fact]
    public void Migrating_twice_applies_each_script_once()
    {
        var database = NewDatabase();
        Startup(database).Migrate();
        Startup(database).Migrate();

        using var connection = database.Open();
        var journal = connection.Query<string>($"SELECT ScriptName FROM {DatabaseStartup.JournalTable} ORDER BY ScriptName").ToList();
        Assert.Equal(DatabaseStartup.PortalScripts().Select(s => s.Name), journal);
        // Journalled by file name alone, as databases made before the scripts moved into migrations/sqlite/ have them:
        // any other name would run every script again on those databases.
        Assert.Equal(
            Directory.GetFiles(Path.Combine(Repository.Root(), "migrations", "sqlite"), "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal),
            journal);
        Assert.Equal("0001_programme_schema.sql", journal[0]);
        Assert.Equal(16L, connection.ExecuteScalar<long>("SELECT count(*) FROM workstream"));
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT count(*) FROM programme_round"));
    }

    [Fact]
    public void A_failing_script_stops_start_up_naming_the_script_and_leaves_nothing_of_it()
    {
        var database = NewDatabase();
        var broken = new SqlScript(
            "9999_broken.sql",
            "CREATE TABLE half_made (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1);");

        var error = Assert.Throws<StartupException>(
            () => Startup(database).Migrate(DatabaseStartup.PortalScripts().Append(broken)));

        Assert.Contains("9999_broken.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("no such table: no_such_table", error.Message, StringComparison.Ordinal);
        using var connection = database.Open();
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE name = 'half_made'"));
        Assert.DoesNotContain("9999_broken.sql", connection.Query<string>($"SELECT ScriptName FROM {DatabaseStartup.JournalTable}"));
    }

    [Fact]
    public void An_unusable_database_path_stops_start_up_with_a_clear_message()
    {
        // /proc refuses new files even to root, so this fails on any machine.
        var database = new Database("Data Source=/proc/joint-inspection/portal.db");

        var error = Assert.Throws<StartupException>(() => Startup(database).Migrate());

        Assert.Contains("/proc/joint-inspection", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Portal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shared_cache_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Database("Data Source=x.db;Cache=Shared"));
        Assert.Contains("Cache=Shared", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instants_and_dates_round_trip_as_utc_iso_8601_text()
    {
        DateTimeHandlers.Register();
        var database = NewDatabase();
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE sample (at TEXT NOT NULL, day TEXT NOT NULL)");

        var summerInLondon = new DateTimeOffset(2026, 7, 1, 9, 30, 15, 123, TimeSpan.FromHours(1));
        var day = new DateOnly(2027, 2, 18);
        await connection.ExecuteAsync("INSERT INTO sample (at, day) VALUES (@summerInLondon, @day)", new { summerInLondon, day });

        var stored = await connection.QuerySingleAsync<(string At, string Day)>("SELECT at, day FROM sample");
        Assert.Equal("2026-07-01T08:30:15.123Z", stored.At);
        Assert.Equal("2027-02-18", stored.Day);

        var read = await connection.QuerySingleAsync<Sample>("SELECT at AS At, day AS Day FROM sample");
        Assert.Equal(summerInLondon, read.At);
        Assert.Equal(TimeSpan.Zero, read.At.Offset);
        Assert.Equal(day, read.Day);
    }

    private sealed class Sample
    {
        public DateTimeOffset At { get; set; }

        public DateOnly Day { get; set; }
    }
}
