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
/// A decision as the chief inspector sends it, from the form or the API. Version is the version of the decision it
/// revises (0 when there is none yet), so a decision made on an old copy is refused. MeetingOn (yyyy-MM-dd) and
/// MeetingAttendees record the meeting it was taken at, for staff. Recommendation is the version of the secretariat's
/// recommendation the decision starts from, if it does: recording the decision marks it taken.
/// </summary>
public sealed record DecisionRequest(
    long? Version = null,
    string? Outcome = null,
    string? Rationale = null,
    ProposedWorkstream? Workstream = null,
    string? MergeInto = null,
    string? DeferTo = null,
    string? OverCapacityReason = null,
    string? MeetingOn = null,
    string? MeetingAttendees = null,
    long? Recommendation = null);

/// <summary>A chief inspector's answer to a joint decision: agree, or object with reasons. Version is the decision's.</summary>
public sealed record AgreementRequest(long? Version = null, string? Response = null, string? Reasons = null);
