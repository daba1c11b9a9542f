using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace JointInspection.Benchmarks;

/// <summary>A response captured from the portal: its headers (all but those Kestrel writes itself) and its body.</summary>
public sealed record CapturedResponse(string Path, KeyValuePair<string, string[]>[] Headers, byte[] Body)
{
    private static readonly HashSet<string> Automatic = new(["Date", "Server", "Content-Length", "Transfer-Encoding"], StringComparer.OrdinalIgnoreCase);

    public static CapturedResponse From(string path, HttpResponseMessage response, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(header => !Automatic.Contains(header.Key))
            .Select(header => KeyValuePair.Create(header.Key, header.Value.ToArray()))
            .ToArray();
        return new CapturedResponse(path, headers, body);
    }

    /// <summary>Writes the same headers and bytes, as the portal would.</summary>
    public RequestDelegate Serve()
    {
        var headers = Headers.Select(header => (header.Key, Value: new StringValues(header.Value))).ToArray();
        return context =>
        {
            foreach (var (key, value) in headers)
            {
                context.Response.Headers[key] = value;
            }

            context.Response.ContentLength = Body.Length;
            return context.Response.Body.WriteAsync(Body).AsTask();
        };
    }
}

/// <summary>
/// The honest ceiling for reading: a process of its own with nothing in it but Kestrel, a slim host with no logging,
/// and one <c>app.Run</c> writing a captured response's bytes and headers. It is what any ASP.NET Core app on this
/// machine could serve, so the portal's ratio to it is the whole of what the portal adds per request: hosting,
/// middleware, endpoint, cache. The benchmark starts it (<see cref="StartAsync"/>) pinned to the portal's core; the same
/// program, run with the argument <c>minimal-kestrel</c> and a file of captured responses, is the server.
/// </summary>
public sealed class MinimalKestrel : IAsyncDisposable
{
    public const string Argument = "minimal-kestrel";

    private readonly Process process;
    private readonly string file;

    private MinimalKestrel(Process process, string file, Uri baseAddress)
    {
        this.process = process;
        this.file = file;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts the server on the server core and returns once it listens.</summary>
    public static async Task<MinimalKestrel> StartAsync(IReadOnlyCollection<CapturedResponse> responses)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ji-minimal-kestrel-{Environment.ProcessId}.json");
        await File.WriteAllBytesAsync(file, JsonSerializer.SerializeToUtf8Bytes(responses));
        var start = new ProcessStartInfo("taskset", ["-c", Program.ServerCore, "dotnet", typeof(MinimalKestrel).Assembly.Location, Argument, file])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the minimal Kestrel process.");
        // The server's first line is its address, written once it listens.
        var address = await process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException($"The minimal Kestrel process exited ({(process.HasExited ? process.ExitCode : -1)}) before listening.");
        return new MinimalKestrel(process, file, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        // Closing its input is the server's signal to stop.
        process.StandardInput.Close();
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
        File.Delete(file);
    }

    /// <summary>The server: serves each captured response at its path until its input closes.</summary>
    public static async Task<int> ServeAsync(string file)
    {
        var responses = JsonSerializer.Deserialize<CapturedResponse[]>(await File.ReadAllBytesAsync(file))
            ?? throw new InvalidDataException($"{file} holds no responses.");
        var routes = responses.ToDictionary(response => response.Path, response => response.Serve());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The portal sends no Server header either.
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        app.Run(context =>
        {
            if (routes.TryGetValue(context.Request.Path.Value ?? "", out var serve))
            {
                return serve(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        Console.WriteLine(app.Urls.Single());
        // Reading the console blocks its thread, so not one of the thread pool's: on one core the pool has one thread.
        var lifetime = app.Lifetime;
        new Thread(() =>
        {
            Console.In.ReadToEnd();
            lifetime.StopApplication();
        })
        { IsBackground = true }.Start();
        await app.WaitForShutdownAsync();
        return 0;
    }
}
