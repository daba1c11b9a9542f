namespace JointInspection.Web.Features.Moderation;

/// <summary>What a moderator must give, field by field, with the message that says what to fix.</summary>
public static class ModerationRules
{
    public const string Decision = "decision";
    public const string WithheldReason = "withheldReason";
    public const string WithheldNote = "withheldNote";
    public const string Passage = "passage";
    public const string RedactionReason = "redactionReason";

    public const int MaxPassage = 2000;
    public const int MaxReason = 1000;

    public static (string Field, string Message)? WithholdError(string? reason, string? note) =>
        !ModerationState.WithheldReasons.Any(r => r.Code == reason) ? (WithheldReason, "Select why it is withheld")
        : reason == "other" && note is null ? (WithheldNote, "Say why it is withheld")
        : note is { Length: > MaxReason } ? (WithheldNote, $"Why it is withheld must be {MaxReason} characters or fewer")
        : null;

    /// <summary>
    /// A passage must be in the submission exactly as written (a redaction that matches nothing would look done and
    /// hide nothing), not already redacted, and come with a reason.
    /// </summary>
    public static Dictionary<string, string> RedactionErrors(string? passage, string? reason, IReadOnlyCollection<string?> texts, IReadOnlyCollection<string> inForce)
    {
        ArgumentNullException.ThrowIfNull(inForce);
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(passage))
        {
            errors[Passage] = "Enter the passage to redact, copied from the submission";
        }
        else if (passage.Length > MaxPassage)
        {
            errors[Passage] = $"The passage must be {MaxPassage} characters or fewer: redact a long passage in parts, or withhold the submission";
        }
        else if (inForce.Contains(passage))
        {
            errors[Passage] = "That passage is already redacted";
        }
        else if (!RedactedText.OccursIn(passage, [.. texts]))
        {
            errors[Passage] = "The passage is not in the submission: copy it exactly as written, with the same capitals, spaces and punctuation";
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors[RedactionReason] = "Enter why the passage is redacted";
        }
        else if (reason.Length > MaxReason)
        {
            errors[RedactionReason] = $"Why the passage is redacted must be {MaxReason} characters or fewer";
        }

        return errors;
    }
}
