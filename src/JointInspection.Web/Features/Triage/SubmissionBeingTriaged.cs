using JointInspection.Web.Features.Submissions;

namespace JointInspection.Web.Features.Triage;

/// <summary>A submission as the assessment and decision pages both show it: its answers in rows, then its own words.</summary>
public sealed record SubmissionBeingTriaged(SubmissionRecord Submission, IReadOnlyList<SummaryRow> Rows)
{
    /// <summary>Where the assessment and decision pages show it from.</summary>
    public const string Partial = "/Features/Triage/_SubmissionBeingTriaged.cshtml";
}
