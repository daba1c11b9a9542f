using System.Globalization;

namespace JointInspection.Web.Features.Rounds;

/// <summary>
/// What the secretariat may enter as an inspectorate's available inspector-days for a programme year: a whole number
/// from 0 to <see cref="MaxAvailableDays"/>, with thousands separated by commas if they like. Each message names the
/// inspectorate and the year, since the form asks for every one of them at once.
/// </summary>
public static class CapacityRules
{
    /// <summary>More than the largest inspectorate could give joint work in a year; a figure past it is a typing mistake.</summary>
    public const int MaxAvailableDays = 20_000;

    public static bool TryParseAvailableDays(string? typed, string inspectorateName, ProgrammeYear year, out int days, out string? error)
    {
        days = 0;
        var figure = typed?.Trim().Replace(",", "", StringComparison.Ordinal) ?? "";
        var whose = $"{Possessive(inspectorateName)} inspector-days for {year.Label}";
        var negative = figure.StartsWith('-');
        var digits = negative ? figure[1..] : figure;
        error = figure.Length == 0 ? $"Enter {whose}"
            : digits.Length == 0 || !digits.All(char.IsAsciiDigit) ? $"{whose} must be a whole number, like 600"
            : negative && digits.Any(d => d != '0') ? $"{whose} cannot be negative: enter 0 or more"
            // Compared as text first, so a figure too long for an int is "too many", not "not a number".
            : digits.TrimStart('0').Length > 9 || int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) > MaxAvailableDays
                ? $"{whose} must be {MaxAvailableDays.ToString("N0", CultureInfo.InvariantCulture)} or fewer: check the figure"
            : null;
        if (error is null)
        {
            days = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return error is null;
    }

    /// <summary>"HMI Prisons’", "HMCPSI’s": a name ending in a plural s takes the apostrophe alone; an initialism takes ’s.</summary>
    public static string Possessive(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.EndsWith('s') ? $"{name}’" : $"{name}’s";
    }
}
