using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Tests.Data;

/// <summary>
/// `db copy` as an operator runs it: the portal's build as a process, moving a SQLite portal's database (made through
/// the portal itself) into a new PostgreSQL database.
/// </summary>
[Trait("Database", "postgresql-only")]
public sealed class DatabaseCopyTests : IAsyncLifetime, IDisposable
{
    private readonly PortalFactory sqlite = new(database: SqlDialect.Sqlite);
    private string postgreSql = "";

    public async Task InitializeAsync()
    {
        using var client = sqlite.CreateClient();
        foreach (var text in new[] { "Remand decisions deserve a joint look.", "Youth custody should come first.", "Probation caseloads matter." })
        {
            await SampleSubmissions.SendAsync(client, SampleSubmissions.Response(text));
        }

        postgreSql = await TestDatabase.CreatePostgreSqlAsync();
    }

    public Task DisposeAsync() => TestDatabase.DropPostgreSqlAsync(postgreSql);

    public void Dispose() => sqlite.Dispose();

    [Fact]
    public async Task Every_table_is_copied_with_its_ids_and_the_counts_are_checked()
    {
        var run = await CopyAsync();

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("every table's row count matches", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"submission\s+3\s+3", run.Output);
        await using var connection = TestDatabase.Open(postgreSql);
        Assert.Equal(
            ["Probation caseloads matter.", "Remand decisions deserve a joint look.", "Youth custody should come first."],
            (await connection.QueryAsync<string>("SELECT body_text FROM submission ORDER BY body_text")).ToList());
        // The search index is PostgreSQL's own, made as the rows arrived.
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM submission_search WHERE document @@ to_tsquery('english', 'custody')"));
        // A new submission takes an id after the copied ones.
        Assert.Equal(4L, await connection.ExecuteScalarAsync<long>("SELECT nextval(pg_get_serial_sequence('submission', 'id'))"));
    }

    [Fact]
    public async Task A_database_that_already_holds_submissions_is_refused_and_left_as_it_was()
    {
        Assert.Equal(0, (await CopyAsync()).ExitCode);
        await using (var connection = TestDatabase.Open(postgreSql))
        {
            await connection.ExecuteAsync("UPDATE submission SET body_text = 'Changed since the copy' WHERE id = 1");
        }

        var again = await CopyAsync();

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already holds submissions", again.Error, StringComparison.Ordinal);
        await using var after = TestDatabase.Open(postgreSql);
        Assert.Equal("Changed since the copy", await after.ExecuteScalarAsync<string>("SELECT body_text FROM submission WHERE id = 1"));
    }

    [Fact]
    public async Task A_missing_sqlite_file_is_named_and_nothing_is_copied()
    {
        var run = await PortalProcess.RunAsync(
            Path.GetTempPath(), Environment(), "db", "copy", "--from", Path.Combine(Path.GetTempPath(), "no-such-portal.db"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("There is no SQLite database at", run.Error, StringComparison.Ordinal);
        await using var connection = TestDatabase.Open(postgreSql);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM submission"));
    }

    private Task<PortalRun> CopyAsync() =>
        PortalProcess.RunAsync(Path.GetDirectoryName(sqlite.DatabasePath)!, Environment(), "db", "copy", "--from", sqlite.DatabasePath);

    private Dictionary<string, string> Environment() => new()
    {
        ["Database__Provider"] = "postgresql",
        ["ConnectionStrings__Portal"] = postgreSql,
        ["Logging__LogLevel__Default"] = "Warning",
    };
}
