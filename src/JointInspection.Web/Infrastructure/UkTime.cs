using System.Globalization;

namespace JointInspection.Web.Infrastructure;

/// <summary>Shows instants as people in England and Wales read them: UK local time, GOV.UK style.</summary>
public static class UkTime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static DateTimeOffset ToUk(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, London);

    /// <summary>The instant a UK wall-clock time names, in BST or GMT as that day has it.</summary>
    public static DateTimeOffset FromUk(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (London.IsInvalidTime(unspecified))
        {
            throw new ArgumentException($"{unspecified:yyyy-MM-dd HH:mm} does not exist in UK time: the clocks go forward past it.", nameof(local));
        }

        return new DateTimeOffset(unspecified, London.GetUtcOffset(unspecified));
    }

    /// <summary>"18 February 2027".</summary>
    public static string Date(DateTimeOffset instant) => ToUk(instant).ToString("d MMMM yyyy", EnGb);

    /// <summary>A calendar date kept as yyyy-MM-dd ("27 March 2027"), or as stored when it is not one.</summary>
    public static string Date(string isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date.ToString("d MMMM yyyy", EnGb) : isoDate;

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
