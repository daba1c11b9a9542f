using System.Net;
using System.Net.Sockets;
using JointInspection.DevServices;

namespace JointInspection.Web.Infrastructure.Email;

/// <summary>
/// The development mailbox: a real SMTP server inside the app that keeps what the portal sends, shown at
/// /dev/mailbox. On by default in Development only, and never allowed anywhere else. The outbox knows nothing of
/// it: the mailbox becomes the SMTP server through the email options, unless Email:Smtp:Host names a real one.
/// </summary>
public static class DevMailboxRegistration
{
    public const string EnabledKey = "DevServices:Mailbox:Enabled";
    public const string PortKey = "DevServices:Mailbox:Port";

    public static WebApplicationBuilder AddDevMailbox(this WebApplicationBuilder builder)
    {
        if (!DevServiceSwitch.IsOn(builder, EnabledKey, "the development mailbox", "Remove the setting, or configure Email:Smtp:* for a real mail server."))
        {
            return builder;
        }

        // The port is settled here, before anything reads the (cached) email options, rather than when the mailbox starts.
        var port = builder.Configuration.GetValue(PortKey, 0);
        if (port == 0)
        {
            port = FreeLoopbackPort();
        }

        builder.Services.AddSingleton(services => new DevMailbox(new DevMailboxOptions { Port = port }, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<DevMailbox>());
        builder.Services.AddSingleton(new StartPage("Every email the portal sends (the development mailbox)", "/dev/mailbox"));
        builder.Services.PostConfigure<EmailOptions>(email =>
        {
            if (string.IsNullOrWhiteSpace(email.Smtp.Host))
            {
                email.Smtp = new SmtpOptions { Host = DevMailbox.Host, Port = port, Security = SmtpSecurity.None, TimeoutSeconds = email.Smtp.TimeoutSeconds };
            }
        });
        return builder;
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
