using System.Net;
using System.Net.Http.Json;
using Dapper;
using JointInspection.TestSupport;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace JointInspection.Tests.Data;

/// <summary>
/// PostgreSQL lost while the portal runs, on a server of the test's own that it stops and starts again: what was being
/// written is refused whole with 503 and Retry-After, so are writes while it is down, and once it is back the portal
/// takes writes again without being restarted.
/// </summary>
[Trait("Database", "postgresql-only")]
public sealed class PostgresOutageTests : IAsyncLifetime
{
    /// <summary>An advisory lock of the test's own, which a trigger makes a submission's outbox row wait for.</summary>
    private const long OutboxHeld = 0x4A495448;

    /// <summary>The prepared transaction that holds <see cref="OutboxHeld"/>.</summary>
    private const string Holder = "test_outbox_holder";

    private PostgresServer server = null!;

    public async Task InitializeAsync() => server = await PostgresServer.StartAsync(preparedTransactions: 1);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_write_cut_off_by_the_server_stopping_and_writes_while_it_is_down_are_503s_that_store_nothing_and_it_recovers_without_a_restart()
    {
        var connectionString = await server.CreateDatabaseAsync("portal");
        using var portal = new PortalFactory();
        portal.Settings["Database:Provider"] = "postgresql";
        portal.Settings["ConnectionStrings:Portal"] = connectionString;
        // The submission below waits inside its transaction until the server stops: the longest wait there is.
        portal.Settings["Database:LockWaitSeconds"] = "60";
        var client = portal.CreateClient();
        await using (var setup = portal.OpenDatabase())
        {
            // A submission's outbox rows are its transaction's last writes: holding them holds it with its submission,
            // inspectorates and confirmation already written but not committed.
            await setup.ExecuteAsync(
                $"""
                CREATE FUNCTION test_hold_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_advisory_xact_lock({OutboxHeld}); RETURN NEW; END $$;
                CREATE TRIGGER test_hold_outbox BEFORE INSERT ON outbox_message FOR EACH ROW EXECUTE FUNCTION test_hold_outbox();
                """);
        }

        // The lock is held by a prepared transaction, not by a session: a stop ends every session, in an order of the
        // server's choosing, and a session holding it that ended first would free the submission to commit before
        // its own session was ended. A prepared transaction's locks outlast the stop (and the start after it), so the
        // submission's transaction can only end by being cut off.
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using (var holder = new NpgsqlConnection(unpooled))
        {
            await holder.OpenAsync();
            await holder.ExecuteAsync($"BEGIN; SELECT pg_advisory_xact_lock({OutboxHeld}); PREPARE TRANSACTION '{Holder}'");
        }

        HttpResponseMessage cutOff;
        // Unpooled: the server stops under it, and a pool would try to reset the dead session as it is given back.
        await using (var watcher = new NpgsqlConnection(unpooled))
        {
            await watcher.OpenAsync();
            var sending = client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response(email: "cut-off@example.org"));
            await WaitUntilAsync(async () => await watcher.ExecuteScalarAsync<long>(
                $"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = {OutboxHeld} AND NOT granted") == 1, sending);

            await server.StopAsync();
            cutOff = await sending.WaitAsync(TestPatience.SafetyNet);
        }

        var whileDown = await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response(email: "while-down@example.org"));
        await server.StartAgainAsync();
        // The prepared transaction is back with the server, still holding the lock: it would hold the next submission too.
        await using (var releaser = new NpgsqlConnection(unpooled))
        {
            await releaser.OpenAsync();
            await releaser.ExecuteAsync($"ROLLBACK PREPARED '{Holder}'");
        }

        var after = await SampleSubmissions.SendAsync(client, SampleSubmissions.Response(email: "after-restart@example.org"));

        foreach (var refused in new[] { cutOff, whileDown })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 says when to try again");
            Assert.Equal("Nothing was saved. Try again in a few minutes.", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        }

        await using var connection = portal.OpenDatabase();
        Assert.Equal(["after-restart@example.org"], await connection.QueryAsync<string>("SELECT respondent_email FROM submission"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM email_confirmation"));
        Assert.Equal(
            ["after-restart@example.org"],
            (await connection.QueryAsync<string>("SELECT DISTINCT to_address FROM outbox_message")).ToList());
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM submission_inspectorate WHERE submission_id <> @id", new { id = after.Id }));
    }

    /// <summary>Polls until the condition holds, failing at once if <paramref name="request"/> ends first.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Task<HttpResponseMessage> request)
    {
        using var patience = new CancellationTokenSource(TestPatience.SafetyNet);
        while (!await condition())
        {
            Assert.False(request.IsCompleted, $"The request ended before it was held: {(request.IsCompletedSuccessfully ? request.Result.StatusCode : request.Exception)}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
        }
    }
}
