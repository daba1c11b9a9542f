using Dapper;
using JointInspection.DevServices;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static JointInspection.Tests.Email.MailTestHelpers;

namespace JointInspection.Tests.Email;

/// <summary>
/// How the outbox sender copes with faults around a send: a database that will not record it, a shutdown in the
/// middle of it, a backlog, a server that hangs, and a relay that drops idle connections. Real SMTP servers on
/// loopback ports and the portal's real database throughout.
/// </summary>
public sealed class OutboxReliabilityTests
{
    [Fact]
    public async Task An_email_the_server_accepted_is_not_sent_again_while_the_database_cannot_mark_it()
    {
        await using var mailbox = new DevMailbox();
        await mailbox.StartAsync();
        await using var portal = new PortalFactory().SendMailTo(mailbox.Port);
        portal.CreateClient().Dispose();

        // The database refuses to record a send (as a full or read-only disk would) but still answers reads.
        await using (var connection = portal.OpenDatabase())
        {
            await connection.ExecuteAsync(TestDatabase.RefuseSql(
                "test_refuse_mark", "BEFORE UPDATE OF sent_at", "outbox_message", "database or disk is full", when: "NEW.sent_at IS NOT NULL"));
        }

        await AddToOutboxAsync(portal, Email("first@example.org", "Accepted first"), Email("second@example.org", "Waiting second"));
        await mailbox.WaitForAsync(m => m.Subject == "Accepted first", Patience);
        // Round after round fails to mark it; none of them may send it again, nor send anything else meanwhile.
        await portal.WaitForOutboxRoundsAsync(3, Patience);
        Assert.Equal(["Accepted first"], mailbox.Messages.Select(m => m.Subject));
        Assert.All(await OutboxAsync(portal), row => Assert.Null(row.SentAt));

        await using (var connection = portal.OpenDatabase())
        {
            await connection.ExecuteAsync(TestDatabase.AllowSql("test_refuse_mark", "outbox_message"));
        }

        await mailbox.WaitForAsync(m => m.Subject == "Waiting second", Patience);
        var rows = await WaitForOutboxAsync(portal, rows => rows.All(r => r.SentAt is not null));
        Assert.Equal(["Accepted first", "Waiting second"], mailbox.Messages.Select(m => m.Subject));
        Assert.All(rows, row => Assert.Equal(0, row.Attempts));
    }

    [Fact]
    public async Task A_graceful_stop_lets_the_email_in_flight_finish_and_be_marked_sent()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new ScriptedSmtpServer((_, _) => release.Task);
        await using var portal = new PortalFactory().SendMailTo(server.Port);
        portal.CreateClient().Dispose();

        await AddToOutboxAsync(portal, Email("inflight@example.org", "In flight at shutdown"));
        // The whole message is at the server, which has not yet said whether it takes it.
        await server.WaitUntilAsync(s => s.MessagesReceived == 1, Patience);

        // What the host does on a graceful stop; the server accepts only once the sender has been told to stop.
        var stopping = portal.OutboxSender().StopAsync(CancellationToken.None);
        release.SetResult();
        await stopping.WaitAsync(Patience);

        var row = Assert.Single(await OutboxAsync(portal));
        Assert.NotNull(row.SentAt);
        Assert.Equal(0, row.Attempts);
        Assert.Equal(1, server.MessagesAccepted);
        Assert.Equal(1, server.DataCommands);
    }

    [Fact]
    public async Task A_backlog_of_more_than_a_batch_goes_without_waiting_for_the_next_poll()
    {
        await using var mailbox = new DevMailbox();
        await mailbox.StartAsync();
        await using var portal = new PortalFactory().SendMailTo(mailbox.Port);
        // Nothing but the one wake below may start a round while the test runs.
        portal.Settings["Email:Outbox:PollSeconds"] = "3600";
        portal.CreateClient().Dispose();

        var count = (2 * OutboxRows.BatchSize) + 5;
        await AddToOutboxAsync(portal, [.. Enumerable.Range(1, count).Select(n => Email($"backlog{n}@example.org", $"Backlog {n}"))]);

        await mailbox.WaitForAsync(m => m.Subject == $"Backlog {count}", Patience);
        var rows = await WaitForOutboxAsync(portal, rows => rows.All(r => r.SentAt is not null));
        Assert.Equal(count, rows.Count);
        Assert.Equal(
            Enumerable.Range(1, count).Select(n => $"Backlog {n}"),
            mailbox.Messages.Select(m => m.Subject));
    }

    [Fact]
    public async Task A_server_that_hangs_after_data_costs_one_timeout_and_the_rest_of_the_batch_backs_off()
    {
        // Takes the message and then never answers, until the test ends.
        await using var server = new ScriptedSmtpServer((_, stop) => Task.Delay(Timeout.Infinite, stop));
        await using var portal = new PortalFactory().SendMailTo(server.Port);
        portal.Settings["Email:Smtp:TimeoutSeconds"] = "1";
        var clock = OnFixedClock(portal);
        portal.CreateClient().Dispose();

        await AddToOutboxAsync(portal, Email("a@example.org", "Hangs"), Email("b@example.org", "Behind it"), Email("c@example.org", "Last"));

        var rows = await WaitForOutboxAsync(portal, rows => rows.Count == 3 && rows.All(r => r.Attempts >= 1));
        Assert.Equal(1, server.DataCommands);
        var now = DateTimeHandlers.ToStoredText(clock.GetUtcNow());
        Assert.All(rows, row =>
        {
            Assert.Equal(1, row.Attempts);
            Assert.Null(row.SentAt);
            Assert.Null(row.FailedAt);
            Assert.True(string.CompareOrdinal(row.NextAttemptAt, now) > 0, $"#{row.Id} is due again at {row.NextAttemptAt}, not after {now}");
        });
        Assert.Contains("Timeout", rows[0].LastError, StringComparison.OrdinalIgnoreCase);
        Assert.All(rows.Skip(1), row => Assert.Contains("timed out", row.LastError, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_email_after_a_quiet_spell_goes_on_its_first_attempt_though_the_relay_dropped_the_idle_connection()
    {
        await using var server = new ScriptedSmtpServer();
        await using var portal = new PortalFactory().SendMailTo(server.Port);
        portal.CreateClient().Dispose();

        await AddToOutboxAsync(portal, Email("early@example.org", "Before the quiet spell"));
        await WaitForOutboxAsync(portal, rows => rows.Single().SentAt is not null);
        // The relay gives up on any connection still open, as real relays do after a minute or so of silence.
        server.DropConnections();

        await AddToOutboxAsync(portal, Email("late@example.org", "After the quiet spell"));
        var rows = await WaitForOutboxAsync(portal, rows => rows.Count == 2 && (rows[1].SentAt is not null || rows[1].Attempts > 0));
        Assert.NotNull(rows[1].SentAt);
        Assert.Equal(0, rows[1].Attempts);
        Assert.Null(rows[1].LastError);
        Assert.Equal(2, server.MessagesAccepted);
    }

    private static OutgoingEmail Email(string to, string subject) => new("test", to, subject, $"{subject}.", null, null);

    /// <summary>A clock the test moves by hand, inside an open consultation (the seeded dates follow the real clock).</summary>
    private static FakeTimeProvider OnFixedClock(PortalFactory portal)
    {
        portal.Settings["Consultation:OpensAt"] = "2027-02-01T00:00:00Z";
        portal.Settings["Consultation:ClosesAt"] = "2027-05-01T00:00:00Z";
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 10, 0, 0, TimeSpan.Zero));
        portal.Clock = clock;
        return clock;
    }

    /// <summary>Queues the emails in one transaction and wakes the sender once, as a submission does.</summary>
    private static async Task AddToOutboxAsync(PortalFactory portal, params OutgoingEmail[] emails)
    {
        var services = portal.Services;
        var database = services.GetRequiredService<Database>();
        var outbox = services.GetRequiredService<Outbox>();
        var clock = services.GetRequiredService<TimeProvider>();
        await using (var connection = await database.OpenForWriteAsync())
        await using (var transaction = connection.BeginWrite())
        {
            foreach (var email in emails)
            {
                await outbox.AddAsync(connection, transaction, email, clock.GetUtcNow());
            }

            await transaction.CommitAsync();
        }

        outbox.Committed();
    }
}
