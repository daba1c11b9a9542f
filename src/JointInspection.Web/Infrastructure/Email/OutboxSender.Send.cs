using MailKit.Net.Smtp;
using MimeKit;

namespace JointInspection.Web.Infrastructure.Email;

/// <summary>One email's turn in a round: composed, sent and marked, or its failure recorded to be tried again or not.</summary>
public sealed partial class OutboxSender
{
    /// <summary>
    /// Sends <paramref name="email"/> on the client, connecting it to <paramref name="target"/> first if need be.
    /// </summary>
    /// <returns>
    /// Null to go on to the next email of the round, or how the round ends when none of the emails after this one can go
    /// now (the server cannot be reached or has stopped answering, or this one is still to be marked).
    /// </returns>
    private async Task<AfterRound?> SendOneAsync(
        SmtpClient client, SmtpTarget target, MailboxAddress from, PendingEmail email, IReadOnlyList<PendingEmail> due, CancellationToken stoppingToken)
    {
        MimeMessage message;
        try
        {
            message = Compose(email, from);
        }
        catch (ParseException ex)
        {
            await rows.RecordFinalFailureAsync(email, $"The message could not be composed: {ex.Message}");
            LogRefused(email.Id, email.Purpose, ex.Message);
            return null;
        }

        if (!client.IsConnected)
        {
            try
            {
                await SmtpConversation.ConnectAsync(client, target, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Nothing in this round can go; each waiting email takes the failure and backs off.
                await SmtpConversation.DisconnectQuietlyAsync(client);
                var reason = SmtpConversation.Describe(ex);
                var waiting = due.Where(e => e.Id >= email.Id).ToList();
                LogUnreachable(target.Host, target.Port, reason, waiting.Count);
                foreach (var unsent in waiting)
                {
                    await rows.RecordRetryAsync(unsent, $"Cannot reach the mail server {target}: {reason}");
                }

                return AfterRound.Sleep;
            }
        }

        connectedTo = target;
        try
        {
            // Bounded by the SMTP timeout rather than the stopping token.
            await client.SendAsync(message, CancellationToken.None);
        }
        catch (SmtpCommandException ex) when (SmtpConversation.IsFinal(ex))
        {
            var reason = SmtpConversation.Describe(ex);
            await rows.RecordFinalFailureAsync(email, reason);
            LogRefused(email.Id, email.Purpose, reason);
            // A fresh connection for the next email, rather than trusting the state of a half-finished transaction.
            await SmtpConversation.DisconnectQuietlyAsync(client);
            return null;
        }
        catch (Exception ex) when (SmtpConversation.IsTimeout(ex))
        {
            // A server that has stopped answering will not answer the next email either: one timeout a round, not one an email.
            await SmtpConversation.DisconnectQuietlyAsync(client);
            var reason = SmtpConversation.Describe(ex);
            var next = await rows.RecordRetryAsync(email, reason);
            var behind = due.Where(e => e.Id > email.Id).ToList();
            LogTimedOut(email.Id, email.Purpose, target.Host, target.Port, next, reason, behind.Count);
            foreach (var unsent in behind)
            {
                await rows.RecordRetryAsync(unsent, $"Not tried: the mail server {target} timed out on an earlier email.");
            }

            return AfterRound.Sleep;
        }
        catch (Exception ex)
        {
            var reason = SmtpConversation.Describe(ex);
            var next = await rows.RecordRetryAsync(email, reason);
            LogWillRetry(email.Id, email.Purpose, email.Attempts + 1, next, reason);
            await SmtpConversation.DisconnectQuietlyAsync(client);
            return null;
        }

        // The server has it: from here on it may only be marked, never sent again.
        unmarked = email.Id;
        if (!await TryMarkUnmarkedAsync())
        {
            return AfterRound.RetryMark;
        }

        return null;
    }

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
}
