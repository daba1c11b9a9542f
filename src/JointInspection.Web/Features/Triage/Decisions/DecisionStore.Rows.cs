namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>The rows Dapper reads a decision's submission, its decisions and their agreements into.</summary>
public sealed partial class DecisionStore
{
    private sealed class SubmissionRow
    {
        public long Id { get; init; }

        public string Kind { get; init; } = "";

        public string? Title { get; init; }

        public string RespondentName { get; init; } = "";

        public string RespondentEmail { get; init; } = "";

        public string? ProtectedStatusToken { get; init; }
    }

    private sealed class DecisionRow
    {
        public long SubmissionId { get; init; }

        public long Version { get; init; }

        public string Outcome { get; init; } = "";

        public string Rationale { get; init; } = "";

        public string? WorkstreamSlug { get; init; }

        public string? WorkstreamTitle { get; init; }

        public string? DeferredTo { get; init; }

        public string? OverCapacityReason { get; init; }

        public string DecidedBy { get; init; } = "";

        public DateTimeOffset DecidedAt { get; init; }

        public long? WorkstreamRoundYear { get; init; }

        public string? Agreement { get; init; }

        public DateTimeOffset? ReleasedAt { get; init; }

        public string? MeetingOn { get; init; }

        public string? MeetingAttendees { get; init; }
    }

    private sealed class AgreementRow
    {
        public string InspectorateCode { get; init; } = "";

        public long IsLead { get; init; }

        public string? Response { get; init; }

        public string? Reasons { get; init; }

        public string? RespondedBy { get; init; }

        public DateTimeOffset? RespondedAt { get; init; }
    }
}
