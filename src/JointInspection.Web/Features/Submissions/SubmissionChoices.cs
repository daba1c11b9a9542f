namespace JointInspection.Web.Features.Submissions;

/// <summary>The fixed choices on the forms, with the words a respondent sees.</summary>
public static class SubmissionChoices
{
    public static readonly IReadOnlyList<(string Code, string Label)> ResponseTo =
    [
        ("programme", "The draft programme as a whole"),
        ("area-of-focus", "One area of focus"),
        ("workstream", "One workstream"),
    ];

    public static readonly IReadOnlyList<(string Code, string Label)> Stances =
    [
        ("support", "I support it"),
        ("support-with-changes", "I support it with changes"),
        ("do-not-support", "I do not support it"),
        ("no-view", "I have no view either way"),
    ];

    /// <summary>Work suggested for after the round ends.</summary>
    public const string Later = "later";

    /// <summary>When a suggested inspection should happen: a year of the round, later, or "I don’t know".</summary>
    public static IReadOnlyList<(string Code, string Label)> TimingsFor(Rounds.ProgrammeRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return [.. round.Years.Select(y => (y.Code, y.Label)), (Later, $"Later than {round.EndsIn}"), (DontKnow, DontKnowLabel)];
    }

    public static readonly IReadOnlyList<(string Code, string Label)> RespondentTypes =
    [
        ("individual", "As an individual"),
        ("organisation", "For an organisation"),
    ];

    public static readonly IReadOnlyList<(string Code, string Label)> OrganisationTypes =
    [
        ("police", "Police force or police and crime commissioner"),
        ("cps", "Crown Prosecution Service"),
        ("prison", "Prison or young offender institution"),
        ("probation", "Probation"),
        ("youth-offending-team", "Youth offending team"),
        ("courts", "Courts"),
        ("health-social-care", "Health or social care"),
        ("voluntary-community", "Voluntary or community sector"),
        ("academic", "Academic"),
        ("government", "Government department"),
        ("other-inspectorate", "Other inspectorate"),
        ("other", "Other"),
    ];

    public static readonly IReadOnlyList<(string Code, string Label)> PublicationConsents =
    [
        ("named", "Publish my response with my name"),
        ("anonymous", "Publish my response anonymously"),
        ("none", "Do not publish my response"),
    ];

    /// <summary>The consent choices in the words of the journey: "Publish my suggestion…" on the suggest journey.</summary>
    public static IReadOnlyList<(string Code, string Label)> PublicationConsentsFor(string? kind) =>
        kind == SubmissionKind.Suggestion
            ? [.. PublicationConsents.Select(c => (c.Code, c.Label.Replace("response", "suggestion", StringComparison.Ordinal)))]
            : PublicationConsents;

    /// <summary>The answer for a question an ordinary member of the public may not be able to answer.</summary>
    public const string DontKnow = "dont-know";

    public const string DontKnowLabel = "I don’t know";

    public static string Label(IReadOnlyList<(string Code, string Label)> choices, string? code) =>
        choices.FirstOrDefault(c => c.Code == code).Label ?? code ?? "";

    public static bool IsOneOf(IReadOnlyList<(string Code, string Label)> choices, string? code) =>
        choices.Any(c => c.Code == code);
}
