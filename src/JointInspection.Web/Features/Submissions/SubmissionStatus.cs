namespace JointInspection.Web.Features.Submissions;

/// <summary>Where a submission has got to, in the respondent's words.</summary>
public static class SubmissionStatus
{
    public const string Received = "received";
    public const string Assessed = "assessed";

    /// <summary>A joint decision proposed, waiting for the inspectorates taking part to agree. Staff only.</summary>
    public const string AwaitingAgreement = "awaiting-agreement";

    /// <summary>A joint decision one of the inspectorates taking part objected to. Staff only.</summary>
    public const string Objected = "objected";

    /// <summary>
    /// Every status a submission can have, in the order a submission moves through them. An assessment moves a
    /// received submission on (a trigger in 0007 does it); a decision sets the status its outcome names.
    /// </summary>
    public static readonly IReadOnlyList<string> All =
        [Received, Assessed, AwaitingAgreement, Objected, "accepted", "merged", "deferred", "declined", "noted", "programme-changed"];

    /// <summary>Waiting on the staff: not yet decided, or decided jointly but not yet agreed by everyone taking part.</summary>
    public static readonly IReadOnlyList<string> Undecided = [Received, Assessed, AwaitingAgreement, Objected];

    /// <summary>A decision's outcome stands.</summary>
    public static readonly IReadOnlyList<string> Decided = [.. All.Except(Undecided)];

    /// <summary>
    /// The status as the respondent may see it: that of the outcome released to them, if any; before that only whether it
    /// has been assessed. A decision still held, awaiting agreement or objected to is the staff's business.
    /// </summary>
    public static string ForRespondent(string status, string? releasedOutcomeStatus) =>
        releasedOutcomeStatus ?? (status == Received ? Received : Assessed);

    public static string Label(string status) => status switch
    {
        Received => "Received",
        Assessed => "Being considered",
        AwaitingAgreement => "Awaiting agreement",
        Objected => "Objection raised",
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
