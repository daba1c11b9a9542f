using System.Globalization;
using JointInspection.Web.Infrastructure;

namespace JointInspection.Web.Features;

/// <summary>
/// A date and time entered in UK local time as GOV.UK's date input has it (day, month, year) with a time beside it,
/// kept exactly as typed so a mistake comes back with everything the person entered. Its id names the fieldset; the
/// inputs are {id}-day, {id}-month, {id}-year and {id}-time, and an error links to the first of them.
/// </summary>
public sealed record UkDateTimeField(string Id, string Label, string? Day, string? Month, string? Year, string? Time, string? Error)
    : FormField(Id, Label, Error)
{
    /// <summary>The same instant as typed into the fields: UK date and 24-hour time.</summary>
    public static UkDateTimeField For(string id, string label, DateTimeOffset? instant, string defaultTime, string? error = null)
    {
        if (instant is not { } value)
        {
            return new(id, label, null, null, null, defaultTime, error);
        }

        var local = UkTime.ToUk(value);
        return new(
            id, label, local.Day.ToString(CultureInfo.InvariantCulture), local.Month.ToString(CultureInfo.InvariantCulture),
            local.Year.ToString(CultureInfo.InvariantCulture), local.ToString("HH:mm", CultureInfo.InvariantCulture), error);
    }

    /// <summary>
    /// The instant the fields name, or the message that says what to fix, in GOV.UK's words for a date input.
    /// <paramref name="what"/> names the date in a sentence: "the date the consultation opens".
    /// </summary>
    public (DateTimeOffset? Instant, string? Error) Parse(string what)
    {
        ArgumentNullException.ThrowIfNull(what);
        var parts = new[] { ("day", Day), ("month", Month), ("year", Year) };
        var missing = parts.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
        if (missing.Count == 3)
        {
            return (null, $"Enter {what}");
        }

        if (missing.Count > 0)
        {
            return (null, $"{Capitalised(what)} must include a {string.Join(" and ", missing)}");
        }

        if (!int.TryParse(Day, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(Month, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year is < 2000 or > 2999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return (null, $"{Capitalised(what)} must be a real date, with a four-digit year");
        }

        if (!TimeOnly.TryParseExact(Time?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return (null, $"Enter the time of {what} using the 24-hour clock, like 09:00 or 23:59");
        }

        try
        {
            return (UkTime.FromUk(new DateTime(new DateOnly(year, month, day), time)), null);
        }
        catch (ArgumentException)
        {
            return (null, $"That time does not exist in the UK on that day, because the clocks go forward: choose another time for {what}");
        }
    }

    /// <summary>The input an error summary links to.</summary>
    public string FirstInputId => $"{Id}-day";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
