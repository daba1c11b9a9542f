using MailKit.Security;

namespace JointInspection.Web.Infrastructure.Email;

/// <summary>Outbound mail, bound from the Email section.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "Joint inspection consultation <consultation@localhost>";

    public SmtpOptions Smtp { get; set; } = new();

    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>
    /// How long a node's claim on the emails it is sending lasts before another node may send them instead: the time a
    /// node killed mid-send delays its emails. It must be longer than <see cref="SendAllowance"/>; a sender whose
    /// lease runs low stops and claims again rather than send on the last of it.
    /// </summary>
    public double ClaimLeaseSeconds { get; set; } = 300;

    public TimeSpan ClaimLease => TimeSpan.FromSeconds(ClaimLeaseSeconds);

    /// <summary>
    /// The longest one email can take: connecting and sending, each bounded by the SMTP timeout, and recording it.
    /// A graceful stop waits this long for the email in flight; a claim must outlast it.
    /// </summary>
    public TimeSpan SendAllowance => (2 * Smtp.Timeout) + TimeSpan.FromSeconds(10);
}

public sealed class SmtpOptions
{
    /// <summary>Empty means no mail server is configured (the dev mailbox stands in when it is enabled).</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;

    /// <summary>The sender authenticates only when this is set.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>How long to wait for any one reply or write before giving up on the server (MailKit's own default is two minutes).</summary>
    public double TimeoutSeconds { get; set; } = 30;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds > 0 ? TimeoutSeconds : new SmtpOptions().TimeoutSeconds);
}

public sealed class OutboxOptions
{
    /// <summary>How long the sender sleeps when nothing wakes it; new mail wakes it at once.</summary>
    public double PollSeconds { get; set; } = 5;
}

/// <summary>The configuration's names for the connection security, kept apart from MailKit's enum so the keys stay stable.</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

public static class SmtpSecurityExtensions
{
    public static SecureSocketOptions ToSocketOptions(this SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };
}
