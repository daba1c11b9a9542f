using JointInspection.Web.Features.Submissions;

namespace JointInspection.Web.Features.Triage;

/// <summary>
/// "Decision recorded", on the page a chief inspector goes to next (the next submission waiting for a decision, or the
/// queue). The reference just decided travels in the address (?decided=JI-000123), read back only as a reference.
/// </summary>
public sealed record DecisionRecordedBanner(string? Reference)
{
    public const string Partial = "/Features/Triage/Decisions/_DecisionRecordedBanner.cshtml";

    public const string Parameter = "decided";

    public static DecisionRecordedBanner From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new(SubmissionReference.TryParse(query[Parameter].ToString(), out var id) ? SubmissionReference.Format(id) : null);
    }
}
