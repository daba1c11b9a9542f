using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Infrastructure;

namespace JointInspection.Web.Features.Triage.Recommendations;

/// <summary>Where a recommendation stands: waiting for a chief inspector, taken into a decision, or rejected.</summary>
public static class RecommendationStatus
{
    public const string Open = "open";
    public const string Taken = "taken";
    public const string Rejected = "rejected";
}

/// <summary>
/// The secretariat's recommendation as stored: the fields of a decision (Workstream for accept, MergeInto for merge,
/// DeferTo for defer), who recommended it and when, and its fate. Version counts the recommendations on the
/// submission: a change must name the version it replaces. Names are the staff member's where the portal knows it.
/// </summary>
public sealed record RecommendationRecord(
    long Version,
    string Outcome,
    string Rationale,
    ValidWorkstream? Workstream,
    string? MergeIntoSlug,
    string? MergeIntoTitle,
    string? DeferTo,
    string? OverCapacityReason,
    string RecommendedBy,
    string? RecommendedByName,
    DateTimeOffset RecommendedAt,
    string Status,
    string? ClosedBy = null,
    string? ClosedByName = null,
    DateTimeOffset? ClosedAt = null,
    string? RejectionReason = null,
    long? TakenInDecision = null)
{
    public bool IsOpen => Status == RecommendationStatus.Open;
}

/// <summary>A recommendation in words, as the queue, the submission page and the audit trail say it.</summary>
public static class RecommendationWords
{
    /// <summary>The outcome alone, as the queue shows it after "Recommended: ".</summary>
    public static string Outcome(string outcome) => outcome switch
    {
        DecisionOutcome.ProgrammeChanged => "programme changed",
        _ => outcome,
    };

    /// <summary>The outcome with what it names: the proposed workstream, the workstream merged into, when to look again.</summary>
    public static string InFull(RecommendationRecord recommendation)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        return recommendation.Outcome switch
        {
            DecisionOutcome.Accept => $"Accept, as the proposed workstream “{recommendation.Workstream?.Title}”",
            DecisionOutcome.Merge => $"Merge into the workstream “{recommendation.MergeIntoTitle}”",
            DecisionOutcome.Defer => recommendation.DeferTo == DecisionOutcome.NextProgramme
                ? "Defer to the next joint inspection programme"
                : $"Defer to the programme's second year, {ProgrammeYear.LabelOf(recommendation.DeferTo)}",
            DecisionOutcome.Decline => "Decline",
            DecisionOutcome.Noted => "Noted",
            DecisionOutcome.ProgrammeChanged => "Programme changed",
            _ => recommendation.Outcome,
        };
    }

    /// <summary>Its fate, with who settled it and when.</summary>
    public static string Status(RecommendationRecord recommendation)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        var who = recommendation.ClosedByName ?? recommendation.ClosedBy;
        var when = recommendation.ClosedAt is { } at ? UkTime.DateAndTime(at) : "";
        return recommendation.Status switch
        {
            RecommendationStatus.Taken => $"Taken: {who} recorded a decision starting from it at {when}",
            RecommendationStatus.Rejected => $"Rejected by {who} at {when}",
            _ => "Open: waiting for a chief inspector",
        };
    }
}

/// <summary>A chief inspector's reason for rejecting a recommendation: the secretariat reads it, so it is required.</summary>
public static class RejectionRules
{
    public const int MaxReason = 2000;

    public static (string? Reason, string? Error) Check(string? typed)
    {
        var reason = typed?.Trim() ?? "";
        return reason.Length switch
        {
            0 => (null, "Say why you are rejecting the recommendation: the secretariat will read it"),
            > MaxReason => (null, $"The reason must be {MaxReason:N0} characters or fewer"),
            _ => (reason, null),
        };
    }
}
