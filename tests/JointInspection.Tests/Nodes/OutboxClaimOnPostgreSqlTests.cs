using System.Data;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace JointInspection.Tests.Nodes;

/// <summary>
/// How the claim behaves among PostgreSQL's concurrent writers, which SQLite's single writer never has: it skips rows
/// another node is claiming rather than wait for them, and it does not queue behind the writers' lock that every
/// other write takes. It runs on its own PostgreSQL database whichever database the rest of the run uses.
/// </summary>
[Trait("Database", "postgresql-only")]
public sealed class OutboxClaimOnPostgreSqlTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2027, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private string connectionString = "";
    private Database database = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        connectionString = await TestDatabase.CreatePostgreSqlAsync();
        // A lock wait far beyond the test's patience, so that a claim that waited would fail the test by its timeout.
        database = new Database(connectionString, TimeSpan.FromSeconds(600), SqlDialect.PostgreSql);
        services = new ServiceCollection().AddOptions().BuildServiceProvider();
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginWriteAsync();
        await new Outbox(new OutboxSignal()).AddAsync(
            connection, transaction, Enumerable.Range(1, 3).Select(n => new OutgoingEmail("test", "reader@example.org", $"Email {n}", "Text.", null, null)), clock.GetUtcNow());
        await transaction.CommitAsync();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await TestDatabase.DropPostgreSqlAsync(connectionString);
    }

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task A_claim_skips_a_row_another_node_is_claiming_instead_of_waiting_for_it()
    {
        await using var otherNode = new NpgsqlConnection(connectionString);
        await otherNode.OpenAsync();
        await using var claiming = await otherNode.BeginTransactionAsync(IsolationLevel.ReadCommitted);
        var held = await otherNode.ExecuteScalarAsync<long>("SELECT min(id) FROM outbox_message", transaction: claiming);
        await otherNode.ExecuteAsync("SELECT id FROM outbox_message WHERE id = @held FOR UPDATE", new { held }, claiming);

        var claimed = await NewNode().ClaimDueAsync(CancellationToken.None).WaitAsync(TestPatience.SafetyNet);

        Assert.Equal(["Email 2", "Email 3"], claimed.Select(e => e.Subject));
        await claiming.RollbackAsync();
        Assert.Equal(["Email 1"], (await NewNode().ClaimDueAsync(CancellationToken.None)).Select(e => e.Subject));
    }

    [Fact]
    public async Task A_claim_does_not_wait_for_the_writers_lock()
    {
        // Another node in the middle of a long write (a release of outcomes, say).
        await using var writer = await database.OpenAsync();
        await using var writing = await writer.BeginWriteAsync();

        var claimed = await NewNode().ClaimDueAsync(CancellationToken.None).WaitAsync(TestPatience.SafetyNet);

        Assert.Equal(3, claimed.Count);
    }

    /// <summary>A node's bookkeeping, as each portal host has its own (and so its own name in claimed_by).</summary>
    private OutboxRows NewNode() => new(database, clock, services.GetRequiredService<IOptionsMonitor<EmailOptions>>(), new PortalNode());
}
