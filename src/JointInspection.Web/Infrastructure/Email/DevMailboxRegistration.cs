using JointInspection.DevServices;

namespace JointInspection.Web.Infrastructure.Email;

/// <summary>
/// The development mailbox: a real SMTP server inside the app that keeps what the portal sends, shown at
/// /dev/mailbox. On by default in Development only, and never allowed anywhere else.
/// </summary>
public static class DevMailboxRegistration
{
    public const string EnabledKey = "DevServices:Mailbox:Enabled";
    public const string PortKey = "DevServices:Mailbox:Port";

    public static WebApplicationBuilder AddDevMailbox(this WebApplicationBuilder builder)
    {
        var setting = builder.Configuration[EnabledKey];
        bool enabled;
        if (string.IsNullOrWhiteSpace(setting))
        {
            enabled = builder.Environment.IsDevelopment();
        }
        else if (!bool.TryParse(setting, out enabled))
        {
            Refuse(builder, $"{EnabledKey} is '{setting}', which is neither true nor false. Set it to true or false, or remove it.");
            return builder;
        }

        if (!enabled)
        {
            return builder;
        }

        if (!builder.Environment.IsDevelopment())
        {
            // Nothing of the mailbox is registered: the refusal stops start-up before any hosted service runs.
            Refuse(builder,
                $"{EnabledKey} is true in the {builder.Environment.EnvironmentName} environment; the development mailbox must never run outside Development. " +
                "Remove the setting, or configure Email:Smtp:* for a real mail server.");
            return builder;
        }

        var port = builder.Configuration.GetValue(PortKey, 0);
        builder.Services.AddSingleton(services => new DevMailbox(new DevMailboxOptions { Port = port }, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<DevMailbox>());
        return builder;
    }

    /// <summary>
    /// Start-up tasks run in registration order; this one goes first, so a forbidden setting stops the app
    /// before anything (the database, say) is touched.
    /// </summary>
    private static void Refuse(WebApplicationBuilder builder, string message) =>
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IStartupTask>(new Refusal(message)));

    private sealed class Refusal(string message) : IStartupTask
    {
        public Task RunAsync(CancellationToken cancellationToken) => throw new StartupException(message);
    }
}
