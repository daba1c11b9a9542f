using System.Globalization;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Exports;

/// <summary>One column of an export: its heading, and whether its cells are whole numbers (written as numbers in XLSX).</summary>
public sealed record ExportColumn(string Heading, bool Numeric = false);

/// <summary>
/// The columns of a staff export, in order, and the rules for turning stored values into their cells. Dates and times
/// are UK local time as yyyy-MM-dd HH:mm, which sorts as text and which every heading of one says. A recommendation is
/// the secretariat's draft and only ever appears, marked DRAFT, in its own columns, never in the decision's. A
/// withheld submission's text is still there for staff, but its moderation cell says "Withheld (reason)".
/// </summary>
public static class ExportColumns
{
    /// <summary>The marker on every recommendation cell, so a draft is never read as the decision.</summary>
    public const string Draft = "DRAFT";

    public static readonly IReadOnlyList<ExportColumn> All =
    [
        new("Reference"),
        new("Programme round"),
        new("Kind"),
        new("Status"),
        new("Received (UK time)"),
        new("Respondent name"),
        new("Respondent email"),
        new("Respondent type"),
        new("Organisation"),
        new("Organisation type"),
        new("Email confirmed"),
        new("Publication consent"),
        new("Response to"),
        new("Stance"),
        new("Suggestion title"),
        new("Text"),
        new("Suggestion reason"),
        new("Suggested lead inspectorate"),
        new("Suggested inspectorates"),
        new("Suggested areas of focus"),
        new("Cross-cutting issues"),
        new("Timing"),
        new("Evidence links"),
        new("Likelihood (1 to 5)", Numeric: true),
        new("Impact (1 to 5)", Numeric: true),
        new("Risk score (1 to 25)", Numeric: true),
        new("Risk band"),
        new("Assessed programme year"),
        new("Inspector-days by inspectorate"),
        new("Decision version", Numeric: true),
        new("Decision outcome"),
        new("Decision workstream"),
        new("Deferred to"),
        new("Decision rationale"),
        new("Decided by"),
        new("Decided at (UK time)"),
        new("Agreement"),
        new("Agreement answers"),
        new("Outcome released (UK time, or Held)"),
        new($"Recommendation ({Draft}, not a decision)"),
        new($"Recommendation rationale ({Draft})"),
        new("Moderation"),
        new("Redactions in force", Numeric: true),
        new("Internal notes (staff only)"),
        new("Assigned to"),
        new("Tags"),
    ];

    public static IReadOnlyList<string> Headings { get; } = [.. All.Select(c => c.Heading)];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A stored instant as UK local time, yyyy-MM-dd HH:mm; empty when there is none.</summary>
    public static string UkDateTime(string? stored)
    {
        if (stored is null)
        {
            return "";
        }

        // The portal stores instants in one exact shape; reading that shape alone is several times faster than parsing.
        var instant = DateTimeOffset.TryParseExact(stored, DateTimeHandlers.InstantFormat, Invariant, DateTimeStyles.AssumeUniversal, out var exact)
            ? exact
            : DateTimeHandlers.FromStoredText(stored);
        return UkTime.ToUk(instant).ToString("yyyy-MM-dd HH:mm", Invariant);
    }

    /// <summary>A stored code in words: "programme-changed" is "Programme changed".</summary>
    public static string Words(string? code) => string.IsNullOrEmpty(code)
        ? ""
        : string.Concat(char.ToUpperInvariant(code[0]).ToString(), code[1..].Replace('-', ' '));

    public static string YesNo(bool value) => value ? "Yes" : "No";

    public static string Number(long? value) => value?.ToString(Invariant) ?? "";

    public static string Consent(string consent) => consent switch
    {
        "named" => "Named",
        "anonymous" => "Anonymous",
        _ => "Not to be published",
    };

    public static string Agreement(string? agreement, bool decided) => agreement switch
    {
        null => decided ? "Not needed (one inspectorate)" : "",
        "awaiting" => "Awaiting",
        "agreed" => "Agreed",
        _ => "Objected",
    };

    /// <summary>
    /// What moderation has made of a submission: withheld (with its reason) whatever the respondent agreed, then "Not for
    /// publication" when they said no, then published or still to moderate.
    /// </summary>
    public static string Moderation(string consent, string? state, string? withheldReason, string? withheldNote)
    {
        if (state == "withheld")
        {
            var reason = withheldReason == "other" ? "other" : Words(withheldReason).ToLowerInvariant();
            return withheldNote is null ? $"Withheld ({reason})" : $"Withheld ({reason}: {withheldNote})";
        }

        return consent == "none" ? "Not for publication"
            : state == "published" ? "Published"
            : "To moderate";
    }

    /// <summary>A response's subject in the queue's words.</summary>
    public static string ResponseTo(string? responseTo, string? areaName, string? workstreamTitle) => responseTo switch
    {
        null => "",
        "workstream" => $"Workstream: {workstreamTitle}",
        "area-of-focus" => $"Area of focus: {areaName}",
        _ => "The draft programme as a whole",
    };

    public static string Timing(string? timing) => timing switch
    {
        null => "",
        Submissions.SubmissionChoices.Later => "Later",
        Submissions.SubmissionChoices.DontKnow => "Don't know",
        _ => timing,
    };

    public static string DeferredTo(string? target) => target switch
    {
        null => "",
        "next-programme" => "Next programme",
        _ => target,
    };

    public static string RiskBand(long? score) => score is >= 1 and <= 25
        ? Triage.Assessment.RiskScore.BandLabel(Triage.Assessment.RiskScore.BandOf((int)score.Value))
        : "";

    public static string Drafted(string? value) => value is null ? "" : $"{Draft}: {value}";

    public static string Released(string? releasedAt, bool decided) => !decided ? "" : releasedAt is null ? "Held" : UkDateTime(releasedAt);
}
