namespace JointInspection.Web.Features.Retention;

/// <summary>
/// Retention of respondents' personal data: the daily job that removes it Retention:Months after a round concludes, and
/// the removal itself, which a respondent's erasure request uses too.
/// </summary>
public static class RetentionRegistration
{
    public static WebApplicationBuilder AddRetention(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(RetentionPeriod.From(builder));
        builder.Services.AddSingleton<PersonalDataRemoval>();
        builder.Services.AddSingleton<RetentionPass>();
        builder.Services.AddSingleton<RetentionSignal>();
        builder.Services.AddSingleton<RetentionRunner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RetentionRunner>());
        return builder;
    }
}
