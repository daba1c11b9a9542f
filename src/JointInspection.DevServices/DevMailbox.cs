using System.Buffers;
using System.Net;
using Microsoft.Extensions.Hosting;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace JointInspection.DevServices;

/// <summary>How the development mailbox listens and what it keeps.</summary>
public sealed record DevMailboxOptions
{
    /// <summary>0 takes a free port at start; <see cref="DevMailbox.Port"/> tells which.</summary>
    public int Port { get; init; }

    /// <summary>Older messages are dropped beyond this, so a long-running dev server does not grow without end.</summary>
    public int Capacity { get; init; } = 500;

    /// <summary>
    /// Recipients for which this returns true are refused with a permanent (5xx) reply to RCPT TO, as a real
    /// server refuses an unknown mailbox; lets tests see how the sender treats a permanent refusal.
    /// </summary>
    public Func<string, bool>? RefuseRecipient { get; init; }
}

/// <summary>One message as the mailbox received it: the envelope, and the message parsed by MimeKit.</summary>
public sealed record ReceivedMessage(long Number, DateTimeOffset ReceivedAt, string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message)
{
    public string Subject => Message.Subject ?? "";

    public string To => string.Join(", ", Message.To.Mailboxes.Select(m => m.Address));

    /// <summary>The text/plain part, or null when the message has none.</summary>
    public string? TextBody => Message.TextBody;

    public string? HtmlBody => Message.HtmlBody;
}

/// <summary>
/// A real SMTP server on 127.0.0.1 that keeps what it receives in memory: the development stand-in for a
/// mail server, and the server the tests send to. Stop it to play a server that is down; start it again
/// (same instance, same port) to bring it back.
/// </summary>
public sealed class DevMailbox : IHostedService, IAsyncDisposable
{
    private readonly DevMailboxOptions options;
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private readonly LinkedList<ReceivedMessage> messages = new();
    private TaskCompletionSource arrived = NewSignal();
    private long received;
    private int port;
    private SmtpServerHost? server;
    private CancellationTokenSource? stopping;
    private Task? running;

    public DevMailbox(DevMailboxOptions? options = null, TimeProvider? clock = null)
    {
        this.options = options ?? new DevMailboxOptions();
        this.clock = clock ?? TimeProvider.System;
        if (this.options.Capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The mailbox must keep at least one message.");
        }

        port = this.options.Port;
    }

    public static string Host => "127.0.0.1";

    /// <summary>The port it listens on; known once it has started, and kept across a stop and start.</summary>
    public int Port =>
        port != 0 ? port : throw new InvalidOperationException("The mailbox has not started, so it has no port yet.");

    public bool IsRunning
    {
        get
        {
            lock (gate)
            {
                return running is { IsCompleted: false };
            }
        }
    }

    /// <summary>What has arrived, oldest first.</summary>
    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (server is not null)
            {
                throw new InvalidOperationException("The mailbox is already running.");
            }
        }

        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => listening.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var services = new SmtpServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        services.Add(new Filter(options.RefuseRecipient));

        var smtpOptions = new SmtpServerOptionsBuilder()
            .ServerName("dev-mailbox.localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var host = new SmtpServerHost(smtpOptions, services);
        var stop = new CancellationTokenSource();
        var task = host.StartAsync(stop.Token);

        // StartAsync runs until shutdown; it ends early only when it cannot listen (the port is taken, say).
        Task first;
        try
        {
            first = await Task.WhenAny(listening.Task, task).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await stop.CancelAsync();
            stop.Dispose();
            throw;
        }

        if (first == task)
        {
            stop.Dispose();
            await task;
            throw new InvalidOperationException($"The mailbox stopped before it listened on port {port}.");
        }

        lock (gate)
        {
            port = listening.Task.Result;
            server = host;
            stopping = stop;
            running = task;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        SmtpServerHost? host;
        CancellationTokenSource? stop;
        Task? task;
        lock (gate)
        {
            (host, stop, task) = (server, stopping, running);
            (server, stopping, running) = (null, null, null);
        }

        if (host is null || stop is null || task is null)
        {
            return;
        }

        // Cancelling ends open sessions too, as a server going down would drop its clients.
        await stop.CancelAsync();
        host.Shutdown();
        try
        {
            await task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The expected end of a cancelled server.
        }
        finally
        {
            stop.Dispose();
        }
    }

    /// <summary>The first message, old or new, that matches; throws TimeoutException if none arrives in time.</summary>
    public async Task<ReceivedMessage> WaitForAsync(Func<ReceivedMessage, bool> predicate, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (messages.FirstOrDefault(predicate) is { } match)
                {
                    return match;
                }

                next = arrived.Task;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                var subjects = string.Join("; ", Messages.Select(m => $"'{m.Subject}' to {m.To}"));
                throw new TimeoutException(
                    $"No matching message arrived within {timeout}. The mailbox holds {Messages.Count}: {subjects}");
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Keep(ReceivedMessage message)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            messages.AddLast(message);
            while (messages.Count > options.Capacity)
            {
                messages.RemoveFirst();
            }

            signal = arrived;
            arrived = NewSignal();
        }

        signal.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Store(DevMailbox mailbox) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            mailbox.Keep(new ReceivedMessage(
                Interlocked.Increment(ref mailbox.received),
                mailbox.clock.GetUtcNow(),
                transaction.From.AsAddress(),
                [.. transaction.To.Select(to => to.AsAddress())],
                message));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(Func<string, bool>? refuse) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(refuse is null || !refuse(to.AsAddress()));
    }
}
