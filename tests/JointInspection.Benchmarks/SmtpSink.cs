using System.Net;
using System.Net.Sockets;
using System.Text;

namespace JointInspection.Benchmarks;

/// <summary>
/// The least an SMTP server can be: it accepts every message on 127.0.0.1 and only counts them, so the drain figure
/// measures the sender and not the server. (The dev mailbox parses and keeps every message, and closed a session
/// of thousands of messages part-way through.)
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private long accepted;

    public SmtpSink()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public long Accepted => Interlocked.Read(ref accepted);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                _ = ServeAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 sink.localhost ESMTP");
            while (await reader.ReadLineAsync(stopping.Token) is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                if (verb == "DATA")
                {
                    await writer.WriteLineAsync("354 Go ahead");
                    while (await reader.ReadLineAsync(stopping.Token) is { } data && data != ".")
                    {
                    }

                    Interlocked.Increment(ref accepted);
                    await writer.WriteLineAsync("250 OK");
                }
                else if (verb == "QUIT")
                {
                    await writer.WriteLineAsync("221 Bye");
                    return;
                }
                else
                {
                    await writer.WriteLineAsync(verb is "EHLO" or "HELO" ? "250 sink.localhost" : "250 OK");
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            // The client went away, or the sink is stopping.
        }
    }
}
