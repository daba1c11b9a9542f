using System.Net.Sockets;
using MailKit.Net.Smtp;

namespace JointInspection.Web.Infrastructure.Email;

/// <summary>The outbox sender's dealings with the mail server: connecting, saying goodbye, and reading what a failure means.</summary>
internal static class SmtpConversation
{
    public static bool IsTimeout(Exception ex)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is TimeoutException or SocketException { SocketErrorCode: SocketError.TimedOut })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A 5xx reply naming this recipient or this message will not change on a retry. Other 5xx replies (to the
    /// sender address, say) come from the portal's own configuration, so those emails wait for it to be fixed.
    /// </summary>
    public static bool IsFinal(SmtpCommandException ex) =>
        (int)ex.StatusCode >= 500 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;

    public static async Task ConnectAsync(SmtpClient client, SmtpTarget target, CancellationToken cancellationToken)
    {
        await client.ConnectAsync(target.Host, target.Port, target.Security.ToSocketOptions(), cancellationToken);
        if (!string.IsNullOrEmpty(target.Username))
        {
            await client.AuthenticateAsync(target.Username, target.Password ?? "", cancellationToken);
        }
    }

    public static async Task DisconnectQuietlyAsync(SmtpClient client)
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

    public static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException command => $"{(int)command.StatusCode} {command.Message.Trim()}",
        _ => $"{ex.GetType().Name}: {ex.Message.Trim()}",
    };
}
