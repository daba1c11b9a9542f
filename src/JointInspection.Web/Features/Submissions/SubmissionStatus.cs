namespace JointInspection.Web.Features.Submissions;

/// <summary>Where a submission has got to, in the respondent's words.</summary>
public static class SubmissionStatus
{
    public const string Received = "received";

    /// <summary>Every status a submission can have, in the order a submission moves through them.</summary>
    public static readonly IReadOnlyList<string> All = [Received];

    public static string Label(string status) => status switch
    {
        Received => "Received",
        _ => status,
    };

    public static string Explanation(string status) => status switch
    {
        Received => "The secretariat will assess it against the risk to the public and the resources available, and the chief inspectors will decide.",
        _ => "",
    };
}
