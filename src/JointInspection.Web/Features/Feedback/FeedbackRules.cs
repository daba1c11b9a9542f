namespace JointInspection.Web.Features.Feedback;

/// <summary>One person's feedback, checked and ready to store.</summary>
public sealed record FeedbackEntry(string Satisfaction, string? Improvement, string? FromPath);

/// <summary>The GOV.UK feedback questions: how satisfied, required; how to improve, optional and bounded.</summary>
public static class FeedbackRules
{
    public const int ImprovementMax = 1_200;

    /// <summary>The five levels in the order GOV.UK asks them, with the codes stored in feedback.satisfaction.</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> Satisfactions =
    [
        ("very-satisfied", "Very satisfied"),
        ("satisfied", "Satisfied"),
        ("neither", "Neither satisfied or dissatisfied"),
        ("dissatisfied", "Dissatisfied"),
        ("very-dissatisfied", "Very dissatisfied"),
    ];

    public static string SatisfactionLabel(string code) =>
        Satisfactions.FirstOrDefault(s => s.Code == code).Label ?? code;

    /// <summary>
    /// Line breaks as one character each, as the character count in the browser counts them (a form sends CRLF), and
    /// nothing but spaces as nothing.
    /// </summary>
    public static string? Normalise(string? improvement)
    {
        var text = improvement?.ReplaceLineEndings("\n").Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>Errors keyed by field id, in the order the fields appear; none when the feedback can be stored.</summary>
    public static Dictionary<string, string> Validate(string? satisfaction, string? improvement)
    {
        var errors = new Dictionary<string, string>();
        if (!Satisfactions.Any(s => s.Code == satisfaction))
        {
            errors["satisfaction"] = "Select how you felt about this service";
        }

        if ((Normalise(improvement)?.Length ?? 0) > ImprovementMax)
        {
            errors["improvement"] = $"How we could improve this service must be {ImprovementMax:N0} characters or fewer";
        }

        return errors;
    }
}
