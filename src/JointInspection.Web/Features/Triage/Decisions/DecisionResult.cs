using JointInspection.Web.Infrastructure.Email;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>What recording a decision came to, said outright.</summary>
public abstract record DecisionResult
{
    private DecisionResult()
    {
    }

    /// <summary>Stored: the decision now current, with its new version.</summary>
    public sealed record Saved(DecisionRecord Decision) : DecisionResult;

    /// <summary>Someone decided first: the decision now current, or null when the version sent never existed.</summary>
    public sealed record Conflict(DecisionRecord? Current) : DecisionResult;

    /// <summary>Refused by a rule only the stored data can answer, with what to fix by field.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : DecisionResult;

    /// <summary>
    /// Nothing stored: the decision as it would be recorded, the email its respondent would get, and whether recording it
    /// would send that email at once (else it waits for agreement or for the round's release).
    /// </summary>
    public sealed record Previewed(DecisionRecord Decision, OutgoingEmail Email, bool SentOnRecording) : DecisionResult;
}
