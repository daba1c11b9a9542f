namespace JointInspection.Web.Infrastructure.Email;

public static class EmailRegistration
{
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddOptions<EmailOptions>().Bind(builder.Configuration.GetSection(EmailOptions.Section));

        // Hosted services start in registration order: the mailbox listens before the sender looks for it.
        builder.AddDevMailbox();
        builder.Services.AddSingleton<OutboxRows>();
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxSender>());
        return builder;
    }
}
