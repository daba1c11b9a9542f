namespace JointInspection.Web.Infrastructure;

/// <summary>
/// Work that must finish before the app serves anything. Runs in the host's "starting" phase, which
/// completes for every service before any hosted service (the web server among them) starts; a throw
/// stops start-up. Tasks run in the order they were registered.
/// </summary>
public abstract class StartupTask : IHostedLifecycleService
{
    public abstract Task StartingAsync(CancellationToken cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
