namespace JointInspection.Web.Features.Submissions;

/// <summary>Where a submission has got to, in the respondent's words.</summary>
public static class SubmissionStatus
{
    public const string Received = "received";
    public const string Assessed = "assessed";

    /// <summary>
    /// Every status a submission can have, in the order a submission moves through them. An assessment moves a
    /// received submission on (a trigger in 0007 does it); a decision sets the status its outcome names.
    /// </summary>
    public static readonly IReadOnlyList<string> All =
        [Received, Assessed, "accepted", "merged", "deferred", "declined", "noted", "programme-changed"];

    public static string Label(string status) => status switch
    {
        Received => "Received",
        Assessed => "Being considered",
        "accepted" => "Accepted",
        "merged" => "Merged",
        "deferred" => "Deferred",
        "declined" => "Declined",
        "noted" => "Noted",
        "programme-changed" => "Programme changed",
        _ => status,
    };

    public static string Explanation(string status) => status switch
    {
        Received => "The secretariat will assess it against the risk to the public and the resources available, and the chief inspectors will decide.",
        Assessed => "The secretariat has assessed it against the risk to the public and the resources available. The chief inspectors will decide.",
        _ => "The chief inspectors have decided. Their decision and reasons are below.",
    };
}
