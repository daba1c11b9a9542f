using JointInspection.Web.Features.Submissions;

namespace JointInspection.Web.Features.Triage;

/// <summary>
/// "Decision recorded", on the page a chief inspector goes to next (the next submission waiting for a decision, or the
/// queue). The reference just decided travels in the address (?decided=JI-000123), read back only as a reference.
/// </summary>
public sealed record DecisionRecordedBanner(string? Reference, string Email = DecisionRecordedBanner.Sent)
{
    public const string Partial = "/Features/Triage/Decisions/_DecisionRecordedBanner.cshtml";

    public const string Parameter = "decided";

    /// <summary>Where the outcome email stands, so the banner does not promise one that is waiting.</summary>
    public const string EmailParameter = "email";

    public const string Sent = "sent";

    /// <summary>Final, but held until the secretariat releases the round's outcomes.</summary>
    public const string Held = "held";

    /// <summary>A joint decision waiting for the other inspectorates.</summary>
    public const string Awaiting = "awaiting";

    public static string EmailState(Decisions.DecisionRecord decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return !decision.IsFinal ? Awaiting : decision.IsReleased ? Sent : Held;
    }

    public static DecisionRecordedBanner From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var email = query[EmailParameter].ToString() is Held or Awaiting ? query[EmailParameter].ToString() : Sent;
        return new(SubmissionReference.TryParse(query[Parameter].ToString(), out var id) ? SubmissionReference.Format(id) : null, email);
    }
}
