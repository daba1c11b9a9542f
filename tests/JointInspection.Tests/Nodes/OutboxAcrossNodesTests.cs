using Dapper;
using JointInspection.DevServices;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static JointInspection.Tests.Email.MailTestHelpers;
using static JointInspection.Tests.Nodes.NodeMail;

namespace JointInspection.Tests.Nodes;

/// <summary>
/// Both nodes' outbox senders at work on one outbox, against one real SMTP server: every email goes once, and the
/// claim on a batch holds other nodes off only for its lease.
/// </summary>
public sealed class OutboxAcrossNodesTests
{
    [Fact]
    public async Task Emails_queued_while_both_nodes_send_each_arrive_exactly_once()
    {
        await using var mailbox = new DevMailbox();
        await mailbox.StartAsync();
        await using var nodes = new TwoNodes(new PortalFactory().SendMailTo(mailbox.Port), b => b.SendMailTo(mailbox.Port));
        var subjects = Enumerable.Range(1, (3 * OutboxRows.BatchSize) + 7).Select(n => $"Shared outbox {n}").ToList();

        // Queued in small transactions from both nodes, each waking its own sender, so the two race for the rows.
        foreach (var chunk in subjects.Chunk(9).Select((chunk, i) => (chunk, i)))
        {
            await QueueAsync(chunk.i % 2 == 0 ? nodes.A : nodes.B, chunk.chunk.Select(Message));
        }

        await WaitForOutboxAsync(nodes.A, rows => rows.Count == subjects.Count && rows.All(r => r.SentAt is not null));
        // Both senders look again with nothing left: nothing goes a second time.
        await Task.WhenAll(nodes.A.WaitForOutboxRoundsAsync(2, Patience), nodes.B.WaitForOutboxRoundsAsync(2, Patience));
        Assert.Equal(subjects.Order(StringComparer.Ordinal), mailbox.Messages.Select(m => m.Subject).Order(StringComparer.Ordinal));
        await using var connection = nodes.A.OpenDatabase();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox_message WHERE claimed_by IS NOT NULL OR claimed_until IS NOT NULL"));
    }

    [Fact]
    public async Task A_claim_holds_the_other_node_off_for_its_lease_and_is_taken_over_once_the_lease_has_passed()
    {
        await using var mailbox = new DevMailbox();
        await mailbox.StartAsync();
        // On a whole millisecond, as instants are stored.
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        // Node A has no mail server, so its own sender never claims: the test claims for it, and then A stands for a
        // node killed mid-send, its claim left behind.
        await using var nodes = new TwoNodes(new PortalFactory { Clock = clock }, b =>
        {
            b.Clock = clock;
            b.SendMailTo(mailbox.Port);
            // Node B must not be sending while A claims; it is woken only once the claim is made.
            b.Settings["Email:Outbox:PollSeconds"] = "3600";
        });
        var a = nodes.A.Services.GetRequiredService<OutboxRows>();
        var b = nodes.B.Services.GetRequiredService<OutboxRows>();
        Assert.NotEqual(a.Node, b.Node);
        await QueueAsync(nodes.A, [Message("Claimed by a node that died"), Message("Claimed with it")]);

        var claimed = await a.ClaimDueAsync(CancellationToken.None);
        Assert.Equal(["Claimed by a node that died", "Claimed with it"], claimed.Select(e => e.Subject));
        Assert.All(claimed, email => Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(300), email.ClaimedUntil));

        // Within the lease, to its last moment: node B sends nothing.
        clock.Advance(TimeSpan.FromSeconds(299));
        await nodes.B.WaitForOutboxRoundsAsync(2, Patience);
        Assert.Empty(mailbox.Messages);
        Assert.All(await ClaimsAsync(nodes.A), row => Assert.Equal(a.Node, row.ClaimedBy));

        // Past it: node B takes both over and sends each once.
        clock.Advance(TimeSpan.FromSeconds(2));
        await nodes.B.WaitForOutboxRoundsAsync(1, Patience);
        await mailbox.WaitForAsync(m => m.Subject == "Claimed with it", Patience);
        var sent = await WaitForOutboxAsync(nodes.A, rows => rows.All(r => r.SentAt is not null));
        Assert.Equal(["Claimed by a node that died", "Claimed with it"], mailbox.Messages.Select(m => m.Subject));
        Assert.All(await ClaimsAsync(nodes.A), row => Assert.Null(row.ClaimedBy));

        // Node A, come back to record its stale attempt, changes nothing: node B's record stands.
        Assert.False(await a.MarkSentAsync(claimed[0].Id));
        await a.RecordRetryAsync(claimed[1], "A late failure from the overtaken node.");
        await a.RecordFinalFailureAsync(claimed[0], "A late refusal from the overtaken node.");
        var after = await OutboxAsync(nodes.A);
        Assert.Equal(sent.Select(r => (r.Id, r.SentAt, r.Attempts, r.LastError, r.FailedAt)), after.Select(r => (r.Id, r.SentAt, r.Attempts, r.LastError, r.FailedAt)));
    }

    [Theory]
    [InlineData("70", "30")]
    [InlineData("100", "60")]
    public async Task A_lease_no_longer_than_one_send_can_take_stops_start_up_with_one_clear_line(string lease, string smtpTimeout)
    {
        var folder = Directory.CreateTempSubdirectory("joint-inspection-lease-").FullName;
        var database = await TestDatabase.ForProcessAsync(folder);
        try
        {
            var run = await PortalProcess.RunAsync(folder, new Dictionary<string, string>
            {
                ["ConnectionStrings__Portal"] = database,
                ["Email__ClaimLeaseSeconds"] = lease,
                ["Email__Smtp__TimeoutSeconds"] = smtpTimeout,
            });

            Assert.Equal(1, run.ExitCode);
            var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"Start-up stopped: Email:ClaimLeaseSeconds is {lease}: it must be longer than one email's send can take", line, StringComparison.Ordinal);
        }
        finally
        {
            await TestDatabase.DropForProcessAsync(database);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<Claim>> ClaimsAsync(PortalFactory node)
    {
        await using var connection = node.OpenDatabase();
        return (await connection.QueryAsync<Claim>("SELECT id AS Id, claimed_by AS ClaimedBy, claimed_until AS ClaimedUntil FROM outbox_message ORDER BY id")).ToList();
    }

    private sealed record Claim(long Id, string? ClaimedBy, string? ClaimedUntil);
}
