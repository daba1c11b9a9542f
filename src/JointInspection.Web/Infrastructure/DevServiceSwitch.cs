namespace JointInspection.Web.Infrastructure;

/// <summary>
/// The switch every development stand-in shares (DevServices:*:Enabled): unset means on in Development only; set
/// to true where the stand-in must never run, or to something that is not true or false, it stops start-up with one
/// line, before anything (the database, say) is touched.
/// </summary>
public static class DevServiceSwitch
{
    /// <summary>True when the stand-in should be registered.</summary>
    /// <param name="builder">The app being built; a refusal is registered on it.</param>
    /// <param name="key">The setting, e.g. DevServices:Mailbox:Enabled.</param>
    /// <param name="name">What the stand-in is called in the refusal, e.g. "the development mailbox".</param>
    /// <param name="remedy">The sentence that says what to configure instead.</param>
    /// <param name="alsoAllowedIn">Environments besides Development where the stand-in may be switched on explicitly.</param>
    public static bool IsOn(WebApplicationBuilder builder, string key, string name, string remedy, params string[] alsoAllowedIn)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var setting = builder.Configuration[key];
        if (string.IsNullOrWhiteSpace(setting))
        {
            return builder.Environment.IsDevelopment();
        }

        if (!bool.TryParse(setting, out var enabled))
        {
            builder.Refuse($"{key} is '{setting}', which is neither true nor false. Set it to true or false, or remove it.");
            return false;
        }

        if (enabled && !builder.Environment.IsDevelopment() && !alsoAllowedIn.Any(builder.Environment.IsEnvironment))
        {
            var allowed = string.Join(" or ", ["Development", .. alsoAllowedIn]);
            // Nothing of the stand-in is registered: the refusal stops start-up before any hosted service runs.
            builder.Refuse($"{key} is true in the {builder.Environment.EnvironmentName} environment; {name} must never run outside {allowed}. {remedy}");
            return false;
        }

        return enabled;
    }
}
