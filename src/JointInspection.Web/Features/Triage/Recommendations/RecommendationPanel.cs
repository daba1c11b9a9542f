namespace JointInspection.Web.Features.Triage.Recommendations;

/// <summary>
/// The recommendation in force as staff read it, on the submission page, the recommend page and the reject page. A chief
/// inspector is offered, on the submission page, the way to reject it while it is open.
/// </summary>
public sealed record RecommendationPanel(string Reference, RecommendationRecord? Current)
{
    public const string Partial = "/Features/Triage/Recommendations/_Recommendation.cshtml";

    /// <summary>The reject form's field, which is also its error's key and the error summary's link.</summary>
    public const string ReasonField = "rejectionReason";

    /// <summary>Whether to offer the link to reject it: for a chief inspector, away from the reject page itself.</summary>
    public bool CanReject { get; init; }
}
