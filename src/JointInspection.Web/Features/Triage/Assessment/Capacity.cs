namespace JointInspection.Web.Features.Triage.Assessment;

/// <summary>
/// One inspectorate's inspector-days for a programme year, and what one request would leave. Provisional days are held
/// for proposals awaiting joint agreement: not committed yet, but not free to give away either.
/// </summary>
public sealed record CapacityLine(string InspectorateCode, int Available, int Committed, int Requested, int Provisional = 0)
{
    /// <summary>Negative when the request would take the inspectorate over its capacity.</summary>
    public int Left => Available - Committed - Provisional - Requested;

    public bool IsOver => Left < 0;
}

/// <summary>A programme year's days by inspectorate: available, committed to agreed work, and held for proposals awaiting agreement.</summary>
public sealed record CapacityFigures(
    IReadOnlyDictionary<string, int> Available, IReadOnlyDictionary<string, int> Committed, IReadOnlyDictionary<string, int> Provisional);

/// <summary>
/// Inspector-day arithmetic. Committed and provisional days are inputs (AssessmentStore.CapacityAsync finds them), so
/// the rule does not depend on how.
/// </summary>
public static class Capacity
{
    public const int MaxDays = 2000;

    /// <summary>The longest reason for going over capacity, on an assessment or a decision.</summary>
    public const int MaxReason = 5000;

    /// <summary>Parses a days field as typed: blank is 0; otherwise a whole number from 0 to 2,000.</summary>
    public static bool TryParseDays(string? text, string inspectorateName, out int days, out string? error)
    {
        days = 0;
        error = null;
        var trimmed = text?.Trim().Replace(",", "", StringComparison.Ordinal) ?? "";
        if (trimmed.Length == 0)
        {
            return true;
        }

        if (!long.TryParse(trimmed, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            error = $"Days for {inspectorateName} must be a whole number, like 40";
        }
        else if (value < 0)
        {
            error = $"Days for {inspectorateName} cannot be negative: enter 0 or more";
        }
        else if (value > MaxDays)
        {
            error = $"Days for {inspectorateName} must be 2,000 or fewer";
        }
        else
        {
            days = (int)value;
        }

        return error is null;
    }

    /// <summary>One line for each of the inspectorates named, in their order.</summary>
    public static IReadOnlyList<CapacityLine> Lines(IEnumerable<string> inspectorateCodes, CapacityFigures figures, IReadOnlyDictionary<string, int> requested)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(requested);
        return inspectorateCodes
            .Select(code => new CapacityLine(
                code, figures.Available.GetValueOrDefault(code), figures.Committed.GetValueOrDefault(code), requested.GetValueOrDefault(code),
                figures.Provisional.GetValueOrDefault(code)))
            .ToList();
    }

    /// <summary>Going over capacity is allowed, but only with a reason on record.</summary>
    public static string? OverCapacityError(IEnumerable<CapacityLine> lines, string? reason) =>
        lines.Any(l => l.IsOver) && string.IsNullOrWhiteSpace(reason)
            ? "This would take an inspectorate over its capacity: give the reason it should go ahead anyway"
            : null;
}

/// <summary>The capacity table the assessment and decision pages show: a programme year's lines, by inspectorate.</summary>
public sealed record CapacityTable(string ProgrammeYear, string RequestedHeading, IReadOnlyList<CapacityLine> Lines, IReadOnlyList<Programme.Inspectorate> Inspectorates)
{
    public const string Partial = "/Features/Triage/Assessment/_CapacityTable.cshtml";

    /// <summary>The table follows the days fields of the form it sits in as they are typed (wwwroot/js/capacity.mjs).</summary>
    public bool Live { get; init; }

    public string Name(string code) => Inspectorates.FirstOrDefault(i => i.Code == code)?.ShortName ?? code;
}
