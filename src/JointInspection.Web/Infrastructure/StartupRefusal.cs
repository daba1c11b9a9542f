namespace JointInspection.Web.Infrastructure;

/// <summary>A setting found wrong while the app is built: start-up stops with its one line before anything runs.</summary>
public static class StartupRefusal
{
    /// <summary>Start-up tasks run in registration order; a refusal goes first, so the database is never touched.</summary>
    public static void Refuse(this WebApplicationBuilder builder, string message) =>
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IStartupTask>(new Refusal(message)));

    private sealed class Refusal(string message) : IStartupTask
    {
        public Task RunAsync(CancellationToken cancellationToken) => throw new StartupException(message);
    }
}
