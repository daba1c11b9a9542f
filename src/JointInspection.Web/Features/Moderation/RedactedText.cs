namespace JointInspection.Web.Features.Moderation;

/// <summary>
/// A submission's text as the public may read it: every occurrence of every passage in force replaced by
/// <see cref="Marker"/>. Passages are matched exactly (case and punctuation included), as the moderator copied them,
/// so a redaction removes what was written and nothing that merely resembles it.
/// </summary>
public static class RedactedText
{
    public const string Marker = "[redacted]";

    public static string? Apply(string? text, IReadOnlyCollection<string> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        if (text is null)
        {
            return null;
        }

        // Longest first, so a passage that contains another is removed whole rather than leaving its edges.
        foreach (var passage in passages.OrderByDescending(p => p.Length))
        {
            text = text.Replace(passage, Marker, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Whether the passage is anywhere in the texts, exactly as written.</summary>
    public static bool OccursIn(string passage, params string?[] texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Any(t => t is not null && t.Contains(passage, StringComparison.Ordinal));
    }
}
