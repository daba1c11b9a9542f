using System.Globalization;

namespace JointInspection.Web.Infrastructure;

/// <summary>Shows instants as people in England and Wales read them: UK local time, GOV.UK style.</summary>
public static class UkTime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static DateTimeOffset ToUk(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, London);

    /// <summary>"18 February 2027".</summary>
    public static string Date(DateTimeOffset instant) => ToUk(instant).ToString("d MMMM yyyy", EnGb);

    /// <summary>"11:59pm on 18 February 2027"; midday and midnight are said as words.</summary>
    public static string DateAndTime(DateTimeOffset instant)
    {
        var local = ToUk(instant);
        var time = (local.Hour, local.Minute) switch
        {
            (0, 0) => "midnight",
            (12, 0) => "midday",
            _ => local.ToString(local.Minute == 0 ? "%h" : "h:mm", EnGb) + (local.Hour < 12 ? "am" : "pm"),
        };
        return $"{time} on {Date(instant)}";
    }
}
