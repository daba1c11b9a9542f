namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>The proposed workstream an accepted suggestion becomes.</summary>
public sealed record ProposedWorkstream(
    string? Title = null,
    string? Summary = null,
    string? Lead = null,
    IReadOnlyList<string>? Supporting = null,
    IReadOnlyList<string>? Partners = null,
    IReadOnlyList<string>? AreasOfFocus = null,
    string? ProgrammeYear = null,
    string? Kind = null);

/// <summary>
/// A decision as the chief inspector sends it, from the form or the API. Version is the revision the decision
/// was made against (0 when there is none yet), so a decision made on an old copy is refused.
/// </summary>
public sealed record DecisionRequest(
    long? Version = null,
    string? Outcome = null,
    string? Rationale = null,
    ProposedWorkstream? Workstream = null,
    string? MergeInto = null,
    string? DeferTo = null,
    string? OverCapacityReason = null);
