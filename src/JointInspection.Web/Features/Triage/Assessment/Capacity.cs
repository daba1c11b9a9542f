namespace JointInspection.Web.Features.Triage.Assessment;

/// <summary>One inspectorate's inspector-days for a programme year, and what one assessment's request would leave.</summary>
public sealed record CapacityLine(string InspectorateCode, int Available, int Committed, int Requested)
{
    /// <summary>Negative when the request would take the inspectorate over its capacity.</summary>
    public int Left => Available - Committed - Requested;

    public bool IsOver => Left < 0;
}

/// <summary>
/// Inspector-day arithmetic. Committed days are an input: the days of agreed workstreams and of proposed ones that
/// accepted suggestions created (AssessmentStore.CapacityAsync finds them), so the rule does not depend on how.
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
    public static IReadOnlyList<CapacityLine> Lines(
        IEnumerable<string> inspectorateCodes, IReadOnlyDictionary<string, int> available, IReadOnlyDictionary<string, int> committed,
        IReadOnlyDictionary<string, int> requested)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(requested);
        return inspectorateCodes
            .Select(code => new CapacityLine(code, available.GetValueOrDefault(code), committed.GetValueOrDefault(code), requested.GetValueOrDefault(code)))
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
