using JointInspection.DevServices;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace JointInspection.Web.Infrastructure.Email;

/// <summary>
/// Sends what the outbox holds. Each email is marked sent as soon as the server accepts it, so it is never
/// sent twice; a failure to reach the server or a 4xx reply is tried again later with <see cref="OutboxBackoff"/>;
/// a 5xx refusal of the recipient or message is final. Sleeps between rounds until new mail wakes it.
/// </summary>
public sealed partial class OutboxSender(
    OutboxRows rows,
    OutboxSignal signal,
    IOptionsMonitor<EmailOptions> options,
    TimeProvider clock,
    ILogger<OutboxSender> logger,
    DevMailbox? devMailbox = null) : BackgroundService
{
    // MailKit's own default is two minutes; a server that silent is as good as down.
    private static readonly TimeSpan SmtpTimeout = TimeSpan.FromSeconds(30);

    private long rounds;
    private bool reportedUnconfigured;
    private SmtpTarget? announced;

    /// <summary>Rounds finished since start; tests wait on this rather than on the clock.</summary>
    public long Rounds => Interlocked.Read(ref rounds);

    /// <summary>The server mail goes to now, or null when none is configured.</summary>
    public SmtpTarget? CurrentTarget()
    {
        var smtp = options.CurrentValue.Smtp;
        if (!string.IsNullOrWhiteSpace(smtp.Host))
        {
            return new SmtpTarget(smtp.Host.Trim(), smtp.Port, smtp.Security, smtp.Username, smtp.Password);
        }

        return devMailbox is { IsRunning: true }
            ? new SmtpTarget(DevMailbox.Host, devMailbox.Port, SmtpSecurity.None, null, null)
            : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One client for the life of the loop: SmtpClient is not thread-safe, and reusing its connection saves a handshake per email.
        using var client = new SmtpClient { Timeout = (int)SmtpTimeout.TotalMilliseconds };
        SmtpTarget? connectedTo = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    connectedTo = await SendDueAsync(client, connectedTo, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    // Whatever went wrong (the database busy, say), the next round starts afresh.
                    LogRoundFailed(ex);
                    await DisconnectQuietlyAsync(client);
                }

                Interlocked.Increment(ref rounds);
                try
                {
                    await signal.WaitAsync(PollInterval(), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            await DisconnectQuietlyAsync(client);
        }
    }

    private TimeSpan PollInterval()
    {
        var seconds = options.CurrentValue.Outbox.PollSeconds;
        return TimeSpan.FromSeconds(seconds > 0 ? seconds : new OutboxOptions().PollSeconds);
    }

    /// <returns>The server the client is connected to after the round.</returns>
    private async Task<SmtpTarget?> SendDueAsync(SmtpClient client, SmtpTarget? connectedTo, CancellationToken cancellationToken)
    {
        var target = CurrentTarget();
        if (target is null)
        {
            if (!reportedUnconfigured)
            {
                LogNotConfigured();
                reportedUnconfigured = true;
            }

            return connectedTo;
        }

        reportedUnconfigured = false;
        if (target != announced)
        {
            LogTarget(target.Host, target.Port, target.Security);
            announced = target;
        }

        if (!MailboxAddress.TryParse(options.CurrentValue.From, out var from))
        {
            LogBadFrom();
            return connectedTo;
        }

        var due = await rows.DueAsync(cancellationToken);
        if (due.Count == 0)
        {
            return connectedTo;
        }

        if (client.IsConnected && connectedTo != target)
        {
            await DisconnectQuietlyAsync(client);
        }

        foreach (var email in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            MimeMessage message;
            try
            {
                message = Compose(email, from);
            }
            catch (ParseException ex)
            {
                await rows.RecordFinalFailureAsync(email, $"The message could not be composed: {ex.Message}");
                LogRefused(email.Id, email.Purpose, ex.Message);
                continue;
            }

            if (!client.IsConnected)
            {
                try
                {
                    await ConnectAsync(client, target, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // Nothing in this round can go; each waiting email takes the failure and backs off.
                    await DisconnectQuietlyAsync(client);
                    var reason = Describe(ex);
                    var waiting = due.Where(e => e.Id >= email.Id).ToList();
                    LogUnreachable(target.Host, target.Port, reason, waiting.Count);
                    foreach (var unsent in waiting)
                    {
                        await rows.RecordRetryAsync(unsent, $"Cannot reach the mail server {target}: {reason}");
                    }

                    return null;
                }
            }

            connectedTo = target;
            try
            {
                await client.SendAsync(message, cancellationToken);
            }
            catch (SmtpCommandException ex) when (IsFinal(ex))
            {
                var reason = Describe(ex);
                await rows.RecordFinalFailureAsync(email, reason);
                LogRefused(email.Id, email.Purpose, reason);
                // A fresh connection for the next email, rather than trusting the state of a half-finished transaction.
                await DisconnectQuietlyAsync(client);
                continue;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = Describe(ex);
                var next = await rows.RecordRetryAsync(email, reason);
                LogWillRetry(email.Id, email.Purpose, email.Attempts + 1, next, reason);
                await DisconnectQuietlyAsync(client);
                continue;
            }

            // The server has it: record that before anything else can fail, so it is never sent again.
            await rows.MarkSentAsync(email.Id);
        }

        return connectedTo;
    }

    /// <summary>
    /// A 5xx reply naming this recipient or this message will not change on a retry. Other 5xx replies (to the
    /// sender address, say) come from the portal's own configuration, so those emails wait for it to be fixed.
    /// </summary>
    private static bool IsFinal(SmtpCommandException ex) =>
        (int)ex.StatusCode >= 500 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;

    private MimeMessage Compose(PendingEmail email, MailboxAddress from)
    {
        var message = new MimeMessage
        {
            Subject = email.Subject,
            Date = clock.GetUtcNow(),
            // The same id on every attempt lets the receiving side spot a duplicate if one ever slips through.
            MessageId = $"outbox-{email.Id}-{email.CreatedAt.UtcTicks}@{from.Domain}",
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(email.ToAddress));
        // Text only, or multipart/alternative with the HTML after the text, as BodyBuilder orders them.
        message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
        return message;
    }

    private static async Task ConnectAsync(SmtpClient client, SmtpTarget target, CancellationToken cancellationToken)
    {
        await client.ConnectAsync(target.Host, target.Port, target.Security.ToSocketOptions(), cancellationToken);
        if (!string.IsNullOrEmpty(target.Username))
        {
            await client.AuthenticateAsync(target.Username, target.Password ?? "", cancellationToken);
        }
    }

    private static async Task DisconnectQuietlyAsync(SmtpClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.DisconnectAsync(quit: true, patience.Token);
        }
        catch (Exception)
        {
            // The connection is being dropped either way; a failed goodbye changes nothing.
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException command => $"{(int)command.StatusCode} {command.Message.Trim()}",
        _ => $"{ex.GetType().Name}: {ex.Message.Trim()}",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Email is not configured (Email:Smtp:Host is empty and the development mailbox is off): emails wait in the outbox until it is.")]
    private partial void LogNotConfigured();

    [LoggerMessage(Level = LogLevel.Information, Message = "Sending email through {Host}:{Port} (security {Security}).")]
    private partial void LogTarget(string host, int port, SmtpSecurity security);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email:From is not a valid email address: emails wait in the outbox until it is fixed.")]
    private partial void LogBadFrom();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach the mail server {Host}:{Port}: {Error}. {Count} emails will be tried again later.")]
    private partial void LogUnreachable(string host, int port, string error, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {Id} ({Purpose}) failed on attempt {Attempt}; trying again at {Next:o}: {Error}")]
    private partial void LogWillRetry(long id, string purpose, int attempt, DateTimeOffset next, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {Id} ({Purpose}) was refused for good and will not be tried again: {Error}")]
    private partial void LogRefused(long id, string purpose, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox round failed; the next round starts afresh.")]
    private partial void LogRoundFailed(Exception exception);
}
