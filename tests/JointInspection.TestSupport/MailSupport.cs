using System.Net;
using System.Net.Sockets;
using JointInspection.Web.Infrastructure.Email;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.TestSupport;

/// <summary>Runs the portal's outbox against a real SMTP server (a DevMailbox) on a loopback port.</summary>
public static class MailSupport
{
    /// <summary>A loopback port nothing listens on at the moment of asking, for a mail server that is down or yet to start.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Points the portal's mail at 127.0.0.1:port, polling the outbox every second. Call before the first CreateClient().</summary>
    public static PortalFactory SendMailTo(this PortalFactory factory, int port)
    {
        factory.Settings["Email:Smtp:Host"] = "127.0.0.1";
        factory.Settings["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Email:Smtp:Security"] = "None";
        factory.Settings["Email:Outbox:PollSeconds"] = "1";
        return factory;
    }

    public static OutboxSender OutboxSender(this PortalFactory factory) => factory.Services.GetRequiredService<OutboxSender>();

    /// <summary>Waits until the sender has finished <paramref name="count"/> more rounds, so a test knows it has looked again.</summary>
    public static async Task WaitForOutboxRoundsAsync(this PortalFactory factory, int count, TimeSpan timeout)
    {
        var sender = factory.OutboxSender();
        var target = sender.Rounds + count;
        using var deadline = new CancellationTokenSource(timeout);
        while (sender.Rounds < target)
        {
            // Waking the sender makes each round start now rather than at its next poll.
            factory.Services.GetRequiredService<Outbox>().Committed();
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The outbox sender finished {sender.Rounds - target + count} of {count} rounds within {timeout}.");
            }
        }
    }
}
