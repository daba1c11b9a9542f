using System.Diagnostics;
using Dapper;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace JointInspection.Benchmarks;

/// <summary>
/// A backlog of 10,000 emails drained by the portal's outbox sender into a local SMTP sink, timed
/// from the wake until every row is marked sent, beside its ceiling: raw MailKit sending the same messages to the same
/// sink over one connection, with no database at all. Both are warmed up first. The sink is <see cref="SmtpSink"/>.
/// </summary>
internal static class OutboxBenchmark
{
    private const int Emails = 10_000;
    private const int WarmUp = 200;
    private const double TargetPerSecond = 100;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync()
    {
        await using var sink = new SmtpSink();

        await SendRawAsync(sink, WarmUp);
        var raw = Stopwatch.StartNew();
        await SendRawAsync(sink, Emails);
        var ceiling = Emails / raw.Elapsed.TotalSeconds;

        await using var portal = new BenchmarkPortal();
        portal.Settings["Email:Smtp:Host"] = "127.0.0.1";
        portal.Settings["Email:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Only the benchmark's wake starts a round, so the figure is the drain and not the poll.
        portal.Settings["Email:Outbox:PollSeconds"] = "3600";
        var services = portal.Services;
        await DrainAsync(services, sink, WarmUp);
        var (seconds, delivered) = await DrainAsync(services, sink, Emails);
        var rate = Emails / seconds;

        Program.Print($"outbox drain of {Emails:N0} queued emails, emails/s {rate,8:F0}   ceiling (raw MailKit, same messages, one connection) {ceiling,8:F0}   ratio {rate / ceiling,5:F2}   target ≥ {TargetPerSecond} emails/s: {(rate >= TargetPerSecond ? "met" : "NOT met")}");
        Program.Print($"  {delivered:N0} delivered to the sink for {Emails:N0} queued: {(delivered == Emails ? "each once" : "MISMATCH")}");
        return 0;
    }

    /// <returns>Seconds from the wake until every row was marked sent, and how many messages reached the sink meanwhile.</returns>
    private static async Task<(double Seconds, long Delivered)> DrainAsync(IServiceProvider services, SmtpSink sink, int count)
    {
        var database = services.GetRequiredService<Database>();
        var outbox = services.GetRequiredService<Outbox>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using (var connection = await database.OpenForWriteAsync())
        await using (var transaction = connection.BeginWrite())
        {
            for (var n = 0; n < count; n++)
            {
                await outbox.AddAsync(connection, transaction, Sample(n), now);
            }

            await transaction.CommitAsync();
        }

        var before = Delivered(sink);
        var drain = Stopwatch.StartNew();
        outbox.Committed();
        using var deadline = new CancellationTokenSource(Patience);
        await using (var connection = await database.OpenAsync())
        {
            // A cheap read ten times a second, against thousands of writes by the sender.
            while (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox_message WHERE sent_at IS NULL") > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }

        return (drain.Elapsed.TotalSeconds, Delivered(sink) - before);
    }

    private static long Delivered(SmtpSink sink) => sink.Accepted;

    private static Task SendRawAsync(SmtpSink sink, int count) => SendRawAsync(sink, Enumerable.Range(0, count).Select(Sample));

    /// <summary>The ceiling for a drain: the messages sent by MailKit alone, over one connection, with no database.</summary>
    public static async Task SendRawAsync(SmtpSink sink, IEnumerable<OutgoingEmail> emails)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(emails);
        var from = MailboxAddress.Parse("Joint inspection consultation <consultation@localhost>");
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", sink.Port, SecureSocketOptions.None);
        var n = 0;
        foreach (var email in emails)
        {
            using var message = new MimeMessage { Subject = email.Subject, MessageId = $"raw-{n++}@localhost" };
            message.From.Add(from);
            message.To.Add(MailboxAddress.Parse(email.To));
            message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
            await client.SendAsync(message);
        }

        await client.DisconnectAsync(quit: true);
    }

    /// <summary>About the size of a receipt: a copy of a short response, in text and in HTML.</summary>
    private static OutgoingEmail Sample(int n)
    {
        var reference = $"JI-{n + 1:D6}";
        var text = string.Join("\n\n", Enumerable.Repeat("The programme should look harder at remand, bail and the use of hostels on release.", 8));
        return new OutgoingEmail(
            "benchmark",
            $"respondent{n}@example.org",
            $"We have received your submission {reference}",
            $"Thank you. Your reference is {reference}.\n\n{text}",
            $"<p>Thank you. Your reference is <strong>{reference}</strong>.</p><p>{text.Replace("\n\n", "</p><p>", StringComparison.Ordinal)}</p>",
            null);
    }
}
