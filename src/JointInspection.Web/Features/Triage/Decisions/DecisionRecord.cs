using System.Data.Common;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// One decision as stored. Workstream is the proposed workstream (accept) or the one merged into. Version counts the
/// decisions on the submission: a revision must name the version it revises.
/// </summary>
public sealed record DecisionRecord(
    long Version, string Outcome, string Rationale, string? WorkstreamSlug, string? WorkstreamTitle, string? DeferredTo,
    string? OverCapacityReason, string DecidedBy, DateTimeOffset DecidedAt, string? WorkstreamPath = null,
    string? Agreement = null, DateTimeOffset? ReleasedAt = null, string? MeetingOn = null, string? MeetingAttendees = null)
{
    /// <summary>It needed no one else's agreement, or everyone agreed: it can reach the respondent.</summary>
    public bool IsFinal => Decisions.Agreement.IsFinal(Agreement);

    public bool IsReleased => ReleasedAt is not null;
}

/// <summary>A party's answer to a joint decision, or none yet.</summary>
public sealed record AgreementRecord(string InspectorateCode, bool IsLead, string? Response, string? Reasons, string? RespondedBy, DateTimeOffset? RespondedAt);

/// <summary>
/// Another slice's writes that belong to a decision: called inside the decision's transaction, after the decision is
/// stored, with the decision as it now stands. It writes its own rows and must not commit.
/// </summary>
public delegate Task DecisionAlsoWrites(DbConnection connection, DbTransaction transaction, long submissionId, DecisionRecord decision, DateTimeOffset now);
