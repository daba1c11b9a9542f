using Microsoft.Extensions.Options;

namespace JointInspection.Web.Infrastructure.Email;

public static class EmailRegistration
{
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddOptions<EmailOptions>().Bind(builder.Configuration.GetSection(EmailOptions.Section));
        var email = builder.Configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();
        if (!(email.ClaimLeaseSeconds > email.SendAllowance.TotalSeconds))
        {
            builder.Refuse(
                $"Email:ClaimLeaseSeconds is {email.ClaimLeaseSeconds}: it must be longer than one email's send can take, " +
                $"{email.SendAllowance.TotalSeconds:0} s with Email:Smtp:TimeoutSeconds at {email.Smtp.Timeout.TotalSeconds:0} (the default is 300).");
        }

        // Hosted services start in registration order: the mailbox listens before the sender's first round.
        builder.AddDevMailbox();
        builder.Services.AddSingleton<OutboxRows>();
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxSender>());

        // A graceful stop waits for the email in flight (bounded by the SMTP timeout) and its mark; the host must
        // not give up on the sender sooner, or the stop becomes a crash and the email may go twice.
        builder.Services.AddOptions<HostOptions>().PostConfigure<IOptionsMonitor<EmailOptions>>((host, email) =>
        {
            var needed = email.CurrentValue.SendAllowance;
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });
        return builder;
    }
}
