using System.Globalization;
using JointInspection.Web.Infrastructure;

namespace JointInspection.Web.Features.Retention;

/// <summary>How long after a round concludes its respondents' personal data is kept (Retention:Months).</summary>
public sealed record RetentionPeriod(int Months)
{
    public const string Key = "Retention:Months";

    public const int DefaultMonths = 12;

    public const int MostMonths = 120;

    /// <summary>When the personal data of a round concluded at <paramref name="concludedAt"/> is due to go.</summary>
    public DateTimeOffset DueAt(DateTimeOffset concludedAt) => concludedAt.AddMonths(Months);

    /// <summary>Rounds concluded at or before this instant are due at <paramref name="now"/>.</summary>
    public DateTimeOffset ConcludedBy(DateTimeOffset now) => now.AddMonths(-Months);

    /// <summary>When a submission's personal data goes, as staff read it beside the submission.</summary>
    public string ForStaff(DateTimeOffset? removedAt, DateTimeOffset? roundConcludedAt) =>
        removedAt is { } removed ? $"Removed on {UkTime.Date(removed)}"
        : roundConcludedAt is { } concluded ? $"Will be removed on {UkTime.Date(DueAt(concluded))}"
        : $"Will be removed {InWords} after the outcome is published";

    /// <summary>"12 months", as the privacy notice and the staff pages say it.</summary>
    public string InWords => Months == 1 ? "1 month" : $"{Months} months";

    /// <summary>The period as configured; a value that cannot be meant stops start-up with what to set instead.</summary>
    public static RetentionPeriod From(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.Configuration[Key];
        if (configured is null)
        {
            return new RetentionPeriod(DefaultMonths);
        }

        if (int.TryParse(configured.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var months) && months is >= 1 and <= MostMonths)
        {
            return new RetentionPeriod(months);
        }

        builder.Refuse(
            $"{Key} is '{configured}', which is not a whole number of months from 1 to {MostMonths}. Set it to how many months after a " +
            $"round concludes its respondents' personal data is removed (the default is {DefaultMonths}), or leave it out.");
        return new RetentionPeriod(DefaultMonths);
    }
}
