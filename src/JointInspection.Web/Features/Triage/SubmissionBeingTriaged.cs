using JointInspection.Web.Features.Submissions;

namespace JointInspection.Web.Features.Triage;

/// <summary>A submission as the assessment and decision pages both show it: its answers in rows, then its own words.</summary>
public sealed record SubmissionBeingTriaged(SubmissionRecord Submission, IReadOnlyList<SummaryRow> Rows)
{
    /// <summary>Where the assessment and decision pages show it from.</summary>
    public const string Partial = "/Features/Triage/_SubmissionBeingTriaged.cshtml";

    /// <summary>An evidence line as a link's address: only an absolute http or https address; anything else stays text.</summary>
    public static Uri? WebAddress(string line) =>
        Uri.TryCreate(line.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;
}
