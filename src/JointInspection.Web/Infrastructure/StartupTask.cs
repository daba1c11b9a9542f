namespace JointInspection.Web.Infrastructure;

/// <summary>
/// Work that must finish before the app serves anything (migrations, configured dates). Program runs
/// every registered task in registration order before it starts the server.
/// </summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>Start-up stops with this when the app cannot safely serve; its message is the one line an operator needs.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);

public static class StartupTasks
{
    public static async Task RunStartupTasksAsync(this WebApplication app)
    {
        foreach (var task in app.Services.GetServices<IStartupTask>())
        {
            await task.RunAsync(app.Lifetime.ApplicationStopping);
        }
    }
}
