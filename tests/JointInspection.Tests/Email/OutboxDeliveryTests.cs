using JointInspection.DevServices;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using static JointInspection.Tests.Email.MailTestHelpers;

namespace JointInspection.Tests.Email;

/// <summary>The outbox sender against a real SMTP server (the dev mailbox) on a loopback port.</summary>
public sealed class OutboxDeliveryTests
{
    [Fact]
    public async Task A_submission_sends_its_acknowledgement_and_confirmation_over_smtp()
    {
        await using var mailbox = new DevMailbox();
        await mailbox.StartAsync();
        await using var portal = new PortalFactory().SendMailTo(mailbox.Port);
        portal.Settings["Email:From"] = "Consultation team <consultation@inspection.example>";

        var reference = await SubmitAsync(portal.CreateClient(), "sam@example.org");

        var acknowledgement = await mailbox.WaitForAsync(m => m.Subject == $"We have received your submission {reference}", Patience);
        var confirmation = await mailbox.WaitForAsync(m => m.Subject == $"Confirm your email address for {reference}", Patience);
        foreach (var received in new[] { acknowledgement, confirmation })
        {
            Assert.Equal(["sam@example.org"], received.EnvelopeTo);
            Assert.Equal("consultation@inspection.example", received.EnvelopeFrom);
            Assert.Equal("Consultation team", Assert.Single(received.Message.From.Mailboxes).Name);
            // Plain text first, then the HTML, as alternatives of one another.
            var body = Assert.IsType<MultipartAlternative>(received.Message.Body);
            Assert.Collection(
                body,
                part => Assert.Contains(reference, Assert.IsType<TextPart>(part).Text, StringComparison.Ordinal),
                part => Assert.True(Assert.IsType<TextPart>(part).IsHtml));
        }

        Assert.Contains("The programme should look harder at remand.", acknowledgement.TextBody, StringComparison.Ordinal);
        var rows = await WaitForOutboxAsync(portal, rows => rows.All(r => r.SentAt is not null));
        Assert.All(rows, row => Assert.Equal(0, row.Attempts));
        Assert.All(rows, row => Assert.Null(row.LastError));
    }

    [Fact]
    public async Task An_email_without_html_goes_as_plain_text_alone()
    {
        await using var mailbox = new DevMailbox();
        await mailbox.StartAsync();
        await using var portal = new PortalFactory().SendMailTo(mailbox.Port);
        portal.CreateClient().Dispose();

        await AddToOutboxAsync(portal, new OutgoingEmail("test", "plain@example.org", "Plain only", "Just words.", null, null));

        var received = await mailbox.WaitForAsync(m => m.Subject == "Plain only", Patience);
        var body = Assert.IsType<TextPart>(received.Message.Body);
        Assert.True(body.IsPlain);
        Assert.Equal("Just words.", body.Text.TrimEnd());
    }

    [Fact]
    public async Task Mail_waits_while_the_server_is_down_and_goes_once_when_it_is_back()
    {
        var port = MailSupport.FreePort();
        await using var portal = new PortalFactory().SendMailTo(port);
        var clock = OnFixedClock(portal);

        var reference = await SubmitAsync(portal.CreateClient(), "kim@example.org");

        var failed = await WaitForOutboxAsync(portal, rows => rows.Count == 2 && rows.All(r => r.Attempts >= 1));
        Assert.All(failed, row =>
        {
            Assert.Null(row.SentAt);
            Assert.Null(row.FailedAt);
            Assert.Contains("Cannot reach the mail server", row.LastError, StringComparison.Ordinal);
            // Backed off: not due again until the clock moves on.
            Assert.True(string.CompareOrdinal(row.NextAttemptAt, DateTimeHandlers.ToStoredText(clock.GetUtcNow())) > 0);
        });

        await using var mailbox = new DevMailbox(new DevMailboxOptions { Port = port });
        await mailbox.StartAsync();
        clock.Advance(OutboxBackoff.Longest);

        var acknowledgement = $"We have received your submission {reference}";
        var confirmation = $"Confirm your email address for {reference}";
        await mailbox.WaitForAsync(m => m.Subject == acknowledgement, Patience);
        await mailbox.WaitForAsync(m => m.Subject == confirmation, Patience);
        await WaitForOutboxAsync(portal, rows => rows.All(r => r.SentAt is not null));

        // Let the sender look again with everything long past due: nothing goes a second time.
        clock.Advance(OutboxBackoff.Longest);
        await portal.WaitForOutboxRoundsAsync(2, Patience);
        Assert.Equal(1, mailbox.Messages.Count(m => m.Subject == acknowledgement));
        Assert.Equal(1, mailbox.Messages.Count(m => m.Subject == confirmation));
        Assert.Equal(2, mailbox.Messages.Count);
    }

    [Fact]
    public async Task Mail_goes_again_after_the_server_drops_out_between_rounds()
    {
        await using var mailbox = new DevMailbox();
        await mailbox.StartAsync();
        await using var portal = new PortalFactory().SendMailTo(mailbox.Port);
        var clock = OnFixedClock(portal);
        portal.CreateClient().Dispose();

        await AddToOutboxAsync(portal, new OutgoingEmail("test", "one@example.org", "Before the outage", "One.", null, null));
        await mailbox.WaitForAsync(m => m.Subject == "Before the outage", Patience);

        // The sender's open connection dies with the server; it must notice and connect afresh.
        await mailbox.StopAsync();
        await AddToOutboxAsync(portal, new OutgoingEmail("test", "two@example.org", "During the outage", "Two.", null, null));
        await WaitForOutboxAsync(portal, rows => rows.Single(r => r.Subject == "During the outage").Attempts >= 1);
        await mailbox.StartAsync();
        clock.Advance(OutboxBackoff.Longest);

        await mailbox.WaitForAsync(m => m.Subject == "During the outage", Patience);
        Assert.Equal(1, mailbox.Messages.Count(m => m.Subject == "Before the outage"));
    }

    [Fact]
    public async Task A_permanent_refusal_marks_the_email_failed_and_it_is_not_tried_again()
    {
        await using var mailbox = new DevMailbox(new DevMailboxOptions
        {
            RefuseRecipient = address => address.Equals("gone@example.org", StringComparison.OrdinalIgnoreCase),
        });
        await mailbox.StartAsync();
        await using var portal = new PortalFactory().SendMailTo(mailbox.Port);
        var clock = OnFixedClock(portal);
        var client = portal.CreateClient();

        await SubmitAsync(client, "gone@example.org");
        var refused = await WaitForOutboxAsync(portal, rows => rows.Count == 2 && rows.All(r => r.FailedAt is not null));
        Assert.All(refused, row =>
        {
            Assert.Equal(1, row.Attempts);
            Assert.Null(row.SentAt);
            Assert.StartsWith("5", row.LastError, StringComparison.Ordinal);
        });

        // Mail to other people still goes.
        var reference = await SubmitAsync(client, "here@example.org");
        await mailbox.WaitForAsync(m => m.Subject == $"Confirm your email address for {reference}", Patience);

        clock.Advance(OutboxBackoff.Longest);
        await portal.WaitForOutboxRoundsAsync(2, Patience);
        var after = (await OutboxAsync(portal)).Where(r => r.ToAddress == "gone@example.org").ToList();
        Assert.Equal(2, after.Count);
        Assert.All(after, row => Assert.Equal(1, row.Attempts));
        Assert.DoesNotContain(mailbox.Messages, m => m.EnvelopeTo.Contains("gone@example.org"));
    }

    [Fact]
    public async Task Mail_waits_in_the_outbox_when_no_server_is_configured()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Email:Outbox:PollSeconds"] = "1";
        var client = portal.CreateClient();

        await SubmitAsync(client, "lee@example.org");
        await portal.WaitForOutboxRoundsAsync(2, Patience);

        Assert.Null(portal.OutboxSender().CurrentTarget());
        var rows = await OutboxAsync(portal);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(0, row.Attempts);
            Assert.Null(row.SentAt);
            Assert.Null(row.FailedAt);
        });
    }

    /// <summary>A clock the test moves by hand, inside an open consultation (the seeded dates follow the real clock).</summary>
    private static FakeTimeProvider OnFixedClock(PortalFactory portal)
    {
        portal.Settings["Consultation:OpensAt"] = "2027-02-01T00:00:00Z";
        portal.Settings["Consultation:ClosesAt"] = "2027-05-01T00:00:00Z";
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 10, 0, 0, TimeSpan.Zero));
        portal.Clock = clock;
        return clock;
    }

    private static async Task AddToOutboxAsync(PortalFactory portal, OutgoingEmail email)
    {
        var services = portal.Services;
        var database = services.GetRequiredService<Database>();
        var outbox = services.GetRequiredService<Outbox>();
        var clock = services.GetRequiredService<TimeProvider>();
        await using var connection = await database.OpenAsync();
        await using (var transaction = connection.BeginWrite())
        {
            await outbox.AddAsync(connection, transaction, email, clock.GetUtcNow());
            await transaction.CommitAsync();
        }

        outbox.Committed();
    }
}
