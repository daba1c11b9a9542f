using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace JointInspection.Web.Infrastructure;

/// <summary>A page worth opening first, named by whatever feature serves it (the development services name theirs).</summary>
public sealed record StartPage(string What, string Path);

/// <summary>
/// Says where the portal is the moment it listens, and which pages to open first, so that someone running `dotnet run`
/// for the first time need not look for them: the programme, and in Development the demo sign-in and the mailbox.
/// </summary>
public sealed partial class ListeningBanner(IServer server, IHostApplicationLifetime lifetime, IEnumerable<StartPage> pages, ILogger<ListeningBanner> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        // The in-memory test server listens nowhere.
        if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is not { } address)
        {
            return;
        }

        var root = address.TrimEnd('/');
        Listening(logger, root);
        foreach (var page in pages)
        {
            Open(logger, page.What, root, page.Path);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The portal is listening: open {Root}/ for the programme")]
    private static partial void Listening(ILogger logger, string root);

    [LoggerMessage(Level = LogLevel.Information, Message = "{What}: {Root}{Path}")]
    private static partial void Open(ILogger logger, string what, string root, string path);
}
