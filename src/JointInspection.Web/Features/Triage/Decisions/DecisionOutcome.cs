using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;

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

    /// <summary>A deferral to the next joint inspection programme, rather than to a year of this one.</summary>
    public const string NextProgramme = "next-programme";

    /// <summary>Where a deferred suggestion goes: its round's second programme year, or the next programme.</summary>
    public static IReadOnlyList<string> DeferTargets(ProgrammeRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return [round.SecondYear.Code, NextProgramme];
    }

    public static IReadOnlyList<string> For(string submissionKind) => submissionKind == SubmissionKind.Suggestion ? ForSuggestion : ForResponse;

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

    public static string DeferTargetLabel(string target) => target == NextProgramme
        ? "To the next joint inspection programme"
        : $"To the programme's second year, {ProgrammeYear.LabelOf(target)}";
}
