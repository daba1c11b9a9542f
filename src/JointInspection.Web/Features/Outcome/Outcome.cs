using JointInspection.Web.Features.Moderation;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Features.Triage.Decisions;

namespace JointInspection.Web.Features.Outcome;

/// <summary>
/// What a concluded round publishes as its outcome ("you said, we did"): who took part, every final and released decision
/// with its reasons, and what changed in the programme. Counts cover every submission received, whatever its consent:
/// a count says nothing about anyone.
/// </summary>
public sealed record OutcomeReport(Programme.Programme Programme, Participation Participation, IReadOnlyList<OutcomeDecision> Decisions, int Published)
{
    public ProgrammeRound Round => Programme.Round;

    /// <summary>Workstreams born from accepted suggestions that are now in the programme.</summary>
    public IReadOnlyList<Programme.Workstream> NewWorkstreams { get; } = [.. Programme.Workstreams.Where(w => w.Origin is not null)];

    public IReadOnlyList<OutcomeDecision> Merges { get; } = [.. Decisions.Where(d => d.Outcome == DecisionOutcome.Merge)];

    public IReadOnlyList<OutcomeDecision> Deferrals { get; } = [.. Decisions.Where(d => d.Outcome == DecisionOutcome.Defer)];

    public IReadOnlyList<OutcomeDecision> ProgrammeChanges { get; } = [.. Decisions.Where(d => d.Outcome == DecisionOutcome.ProgrammeChanged)];

    /// <summary>Changes to the programme's workstreams made once the consultation had opened, oldest first.</summary>
    public IReadOnlyList<Programme.ProgrammeChange> WorkstreamChanges { get; } =
        [.. Programme.Changes.Where(c => Programme.Round.OpensAt is { } opens && c.ChangedAt >= opens).OrderBy(c => c.ChangedAt).ThenBy(c => c.Id)];
}

/// <summary>How many took part, counted every way the page charts them.</summary>
public sealed record Participation(
    int Responses,
    int Suggestions,
    int Individuals,
    int Organisations,
    IReadOnlyList<InspectorateCount> Inspectorates,
    IReadOnlyList<AreaOfFocusCount> AreasOfFocus,
    IReadOnlyList<StanceCount> Stances)
{
    public int Total => Responses + Suggestions;
}

/// <summary>How many suggestions said an inspectorate should take part, and how many said it should lead.</summary>
public sealed record InspectorateCount(string Code, string Name, int TakePart, int Lead);

/// <summary>How many suggestions were about an area of focus, and how many responses were to it.</summary>
public sealed record AreaOfFocusCount(string Code, string Name, int Suggestions, int Responses);

/// <summary>The responses to the whole programme or to one workstream, by what they thought of it.</summary>
public sealed record StanceCount(string Label, string? WorkstreamSlug, int Support, int SupportWithChanges, int DoNotSupport, int NoView)
{
    public int Total => Support + SupportWithChanges + DoNotSupport + NoView;

    public IReadOnlyList<int> Values => [Support, SupportWithChanges, DoNotSupport, NoView];
}

/// <summary>
/// One final, released decision as the public reads it. What the respondent wrote, and who they are, come only from
/// <see cref="Published"/>, the moderated copy; a submission that is not published shows its reference, kind and decision.
/// The rationale has the submission's redactions applied, in case it quotes a passage the public must not read.
/// </summary>
public sealed record OutcomeDecision(
    long SubmissionId,
    string Reference,
    string Kind,
    string? ResponseTo,
    string? AreaOfFocusCode,
    long? RespondsToWorkstreamId,
    string? RespondsToSlug,
    string? RespondsToTitle,
    bool ConsentRefused,
    PublishedSubmission? Published,
    string Outcome,
    string Rationale,
    long? WorkstreamId,
    string? WorkstreamSlug,
    string? WorkstreamTitle,
    string? WorkstreamPath,
    string? DeferredTo,
    int? Likelihood,
    int? Impact,
    IReadOnlyList<string> AgreedBy,
    string? DecidedBy,
    DateTimeOffset DecidedAt,
    DateTimeOffset ReleasedAt)
{
    /// <summary>Likelihood × impact; null when the submission was never assessed.</summary>
    public int? Risk => Likelihood * Impact;

    public RiskBand? Band => Risk is { } risk ? RiskScore.BandOf(risk) : null;

    /// <summary>The respondent as they agreed to be shown: their name, or "Anonymous"; null when nothing of them is published.</summary>
    public string? Respondent => Published is null ? null : Published.Name ?? "Anonymous";

    /// <summary>Why there is nothing to read, and no more than that: never why a submission was withheld.</summary>
    public string NotPublished => ConsentRefused ? "Not published at the respondent’s request" : "Not published";
}
