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
        if (!DevServiceSwitch.IsOn(builder, EnabledKey, "the development mailbox", "Remove the setting, or configure Email:Smtp:* for a real mail server."))
        {
            return builder;
        }

        var port = builder.Configuration.GetValue(PortKey, 0);
        builder.Services.AddSingleton(services => new DevMailbox(new DevMailboxOptions { Port = port }, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<DevMailbox>());
        return builder;
    }
}
