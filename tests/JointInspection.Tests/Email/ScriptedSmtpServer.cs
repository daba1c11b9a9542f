using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace JointInspection.Tests.Email;

/// <summary>
/// A small SMTP server over real TCP on 127.0.0.1 whose misbehaviour a test chooses: it can hold its reply to a
/// message until told, never give it, or drop the connections it has open, as real relays do with idle ones. It
/// speaks just enough SMTP for MailKit (no extensions) and counts what it sees.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<TcpClient, byte> open = new();
    private readonly Func<int, CancellationToken, Task>? beforeAccepting;
    private readonly Lock gate = new();
    private readonly Task accepting;
    private TaskCompletionSource changed = NewSignal();
    private int dataCommands;
    private int messagesReceived;
    private int messagesAccepted;

    /// <param name="beforeAccepting">
    /// Awaited, with the message's number (from 1), once a message has been received in full and before the server
    /// replies 250 to it; the token ends when the server is disposed.
    /// </param>
    public ScriptedSmtpServer(Func<int, CancellationToken, Task>? beforeAccepting = null)
    {
        this.beforeAccepting = beforeAccepting;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>DATA commands seen: each one is an email the client tried to hand over.</summary>
    public int DataCommands => Volatile.Read(ref dataCommands);

    /// <summary>Messages received in full (up to the closing dot), whether or not the server went on to accept them.</summary>
    public int MessagesReceived => Volatile.Read(ref messagesReceived);

    /// <summary>Messages the server answered 250 to: delivered, as far as the client can know.</summary>
    public int MessagesAccepted => Volatile.Read(ref messagesAccepted);

    /// <summary>Waits until the condition on the counters holds; throws TimeoutException when it does not in time.</summary>
    public async Task WaitUntilAsync(Func<ScriptedSmtpServer, bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (condition(this))
                {
                    return;
                }

                next = changed.Task;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"The SMTP server did not reach the expected state within {timeout}: {DataCommands} DATA, " +
                    $"{MessagesReceived} received, {MessagesAccepted} accepted.");
            }
        }
    }

    /// <summary>Closes every connection open now from the server's side, without a word, as a relay drops an idle client.</summary>
    public void DropConnections()
    {
        foreach (var client in open.Keys)
        {
            try
            {
                client.Client?.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The session is closing it already.
            }

            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        DropConnections();
        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
            // The expected end of the accept loop.
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                open[client] = 0;
                sessions.Add(ServeAsync(client));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(sessions);
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 scripted.test ESMTP");
            while (await reader.ReadLineAsync(stopping.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 scripted.test");
                        break;
                    case "MAIL" or "RCPT" or "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        Count(ref dataCommands);
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        while (await reader.ReadLineAsync(stopping.Token) is { } data && data != ".")
                        {
                        }

                        var number = Count(ref messagesReceived);
                        if (beforeAccepting is not null)
                        {
                            await beforeAccepting(number, stopping.Token);
                        }

                        await writer.WriteLineAsync("250 OK queued");
                        Count(ref messagesAccepted);
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, the test dropped the connection, or the server is stopping.
        }
        finally
        {
            open.TryRemove(client, out _);
            client.Dispose();
        }
    }

    private int Count(ref int counter)
    {
        var value = Interlocked.Increment(ref counter);
        TaskCompletionSource signal;
        lock (gate)
        {
            signal = changed;
            changed = NewSignal();
        }

        signal.TrySetResult();
        return value;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
