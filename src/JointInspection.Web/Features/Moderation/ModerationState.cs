namespace JointInspection.Web.Features.Moderation;

/// <summary>
/// Where a submission stands in moderation. The stored states are published and withheld; a submission with no
/// moderation is to moderate, unless its respondent asked not to be published, when it is never published at all.
/// </summary>
public static class ModerationState
{
    public const string ToModerate = "to-moderate";
    public const string Published = "published";
    public const string Withheld = "withheld";
    public const string NotForPublication = "not-for-publication";

    public static readonly IReadOnlyList<(string Code, string Label)> All =
    [
        (ToModerate, "To moderate"),
        (Published, "Published as agreed"),
        (Withheld, "Withheld"),
        (NotForPublication, "Not for publication (respondent’s choice)"),
    ];

    public static readonly IReadOnlyList<(string Code, string Label)> WithheldReasons =
    [
        ("abusive", "Abusive or offensive"),
        ("personal-data", "Contains personal data that cannot be redacted"),
        ("off-topic", "Not about the joint inspection programme"),
        ("other", "Another reason"),
    ];

    /// <summary>The SQL condition for a state, on a submission aliased s: the queue's filter and the round's progress alike.</summary>
    public static string Condition(string state) => state switch
    {
        ToModerate => "(s.publication_consent <> 'none' AND NOT EXISTS (SELECT 1 FROM moderation m WHERE m.submission_id = s.id))",
        NotForPublication => "(s.publication_consent = 'none' AND NOT EXISTS (SELECT 1 FROM moderation m WHERE m.submission_id = s.id))",
        Published => "(s.publication_consent <> 'none' AND EXISTS (SELECT 1 FROM moderation m WHERE m.submission_id = s.id AND m.state = 'published'))",
        Withheld => "EXISTS (SELECT 1 FROM moderation m WHERE m.submission_id = s.id AND m.state = 'withheld')",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a moderation state."),
    };

    public static string Label(string state) => All.FirstOrDefault(s => s.Code == state).Label ?? state;

    public static string ReasonLabel(string? reason) => WithheldReasons.FirstOrDefault(r => r.Code == reason).Label ?? reason ?? "";

    public static string Of(string? storedState, string publicationConsent) =>
        storedState ?? (publicationConsent == "none" ? NotForPublication : ToModerate);
}
