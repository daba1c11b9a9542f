using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace JointInspection.Tests.Data;

/// <summary>Writes that arrive together share a commit, on a real SQLite file, and each stands or falls alone.</summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("joint-inspection-group-").FullName;
    private readonly Database database;
    private int commits;

    public GroupCommitTests()
    {
        database = new Database($"Data Source={Path.Combine(folder, "group.db")}");
        using var connection = database.Open();
        connection.Execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
            CREATE TABLE note_copy (note_id INTEGER NOT NULL REFERENCES note (id), text TEXT NOT NULL CHECK (text <> 'refused'));
            """);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Two rows per note: the second is refused for the text "refused", after the first is written.</summary>
    private GroupCommit<string, long> Notes() => new(database, async (connection, transaction, text) =>
    {
        var id = await connection.ExecuteScalarAsync<long>("INSERT INTO note (text) VALUES (@text) RETURNING id", new { text }, transaction);
        await connection.ExecuteAsync("INSERT INTO note_copy (note_id, text) VALUES (@id, @text)", new { id, text }, transaction);
        return id;
    }, () => Interlocked.Increment(ref commits));

    private long Count(string table)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>($"SELECT count(*) FROM {table}");
    }

    [Fact]
    public async Task Writes_queued_while_the_write_turn_is_taken_are_stored_together_in_one_commit()
    {
        await using var notes = Notes();
        Task<long>[] writes;
        await using (await database.OpenForWriteAsync())
        {
            writes = Enumerable.Range(1, 50).Select(i => notes.WriteAsync($"note {i}", CancellationToken.None)).ToArray();
            await Task.Delay(100);
            Assert.All(writes, write => Assert.False(write.IsCompleted, "nothing is answered before its commit"));
        }

        var ids = await Task.WhenAll(writes).WaitAsync(TestPatience.SafetyNet);

        Assert.Equal(50, ids.Distinct().Count());
        Assert.Equal(50L, Count("note"));
        Assert.Equal(50L, Count("note_copy"));
        // The loop may have taken the first write alone before it waited for the turn; the other 49 share a commit.
        Assert.InRange(commits, 1, 2);
    }

    [Fact]
    public async Task A_write_that_fails_is_undone_on_its_own_and_the_rest_of_its_batch_is_stored()
    {
        await using var notes = Notes();
        Task<long> before, refused, after;
        await using (await database.OpenForWriteAsync())
        {
            before = notes.WriteAsync("before", CancellationToken.None);
            refused = notes.WriteAsync("refused", CancellationToken.None);
            after = notes.WriteAsync("after", CancellationToken.None);
        }

        var failure = await Assert.ThrowsAsync<SqliteException>(() => refused.WaitAsync(TestPatience.SafetyNet));
        Assert.Contains("CHECK constraint failed", failure.Message, StringComparison.Ordinal);
        await Task.WhenAll(before, after).WaitAsync(TestPatience.SafetyNet);
        await using var connection = await database.OpenAsync();
        // The refused note's first row went with its second: nothing half-written.
        Assert.Equal(["after", "before"], (await connection.QueryAsync<string>("SELECT text FROM note ORDER BY text")).ToArray());
        Assert.Equal(["after", "before"], (await connection.QueryAsync<string>("SELECT text FROM note_copy ORDER BY text")).ToArray());
    }

    [Fact]
    public async Task Many_concurrent_writers_all_get_their_own_committed_row()
    {
        await using var notes = Notes();

        var ids = await Task.WhenAll(Enumerable.Range(1, 500).Select(i => Task.Run(() => notes.WriteAsync($"note {i}", CancellationToken.None))))
            .WaitAsync(TestPatience.SafetyNet);

        Assert.Equal(500, ids.Distinct().Count());
        await using var connection = await database.OpenAsync();
        Assert.Equal(ids.Order(), (await connection.QueryAsync<long>("SELECT note_id FROM note_copy ORDER BY note_id")).ToArray());
    }

    [Fact]
    public async Task Disposing_finishes_what_is_queued_and_then_refuses_more()
    {
        var notes = Notes();
        Task<long> queued;
        await using (await database.OpenForWriteAsync())
        {
            queued = notes.WriteAsync("queued", CancellationToken.None);
        }

        await notes.DisposeAsync();

        Assert.True(queued.IsCompletedSuccessfully);
        Assert.Equal(1L, Count("note"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => notes.WriteAsync("late", CancellationToken.None));
    }
}
