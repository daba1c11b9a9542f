namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// What the chief inspectors can decide. A suggestion is accepted, merged, deferred or declined; a response is
/// noted or changes the programme. Each outcome moves the submission to a status of the same meaning.
/// </summary>
public static class DecisionOutcome
{
    public const string Accept = "accept";
    public const string Merge = "merge";
    public const string Defer = "defer";
    public const string Decline = "decline";
    public const string Noted = "noted";
    public const string ProgrammeChanged = "programme-changed";

    public static readonly IReadOnlyList<string> ForSuggestion = [Accept, Merge, Defer, Decline];

    public static readonly IReadOnlyList<string> ForResponse = [Noted, ProgrammeChanged];

    /// <summary>Where a deferred suggestion goes: the programme's second year, or the next programme.</summary>
    public static readonly IReadOnlyList<string> DeferTargets = ["2022-23", "next-programme"];

    public static IReadOnlyList<string> For(string submissionKind) => submissionKind == "suggestion" ? ForSuggestion : ForResponse;

    /// <summary>The submission status an outcome leads to.</summary>
    public static string Status(string outcome) => outcome switch
    {
        Accept => "accepted",
        Merge => "merged",
        Defer => "deferred",
        Decline => "declined",
        Noted => "noted",
        ProgrammeChanged => "programme-changed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a decision outcome."),
    };

    /// <summary>The choice as the decision form labels it.</summary>
    public static string Label(string outcome) => outcome switch
    {
        Accept => "Accept: add it to the programme as a proposed workstream",
        Merge => "Merge into an existing workstream",
        Defer => "Defer",
        Decline => "Decline",
        Noted => "Noted",
        ProgrammeChanged => "Programme changed",
        _ => outcome,
    };

    public static string DeferTargetLabel(string target) => target switch
    {
        "2022-23" => "To the programme's second year, 2022–23",
        "next-programme" => "To the next joint inspection programme",
        _ => target,
    };
}
