using System.Text.Json;

namespace JointInspection.Web.Features.AuditTrail;

/// <summary>What the tag entries of the audit log copy, and how a submission's change of tags is said.</summary>
public static class TagWords
{
    public sealed record NameCopy(string? Name);

    public sealed record MergeCopy(string? Merged);

    private sealed record TagsCopy(IReadOnlyList<string>? Tags);

    /// <summary>": added Mental health; removed Youth justice", from the tags before and after; empty when neither can be read.</summary>
    public static string Change(string? before, string? after)
    {
        var was = Read(before);
        var now = Read(after);
        var added = now.Except(was, StringComparer.OrdinalIgnoreCase).ToList();
        var removed = was.Except(now, StringComparer.OrdinalIgnoreCase).ToList();
        var parts = new List<string>();
        if (added.Count > 0)
        {
            parts.Add("added " + string.Join(", ", added));
        }

        if (removed.Count > 0)
        {
            parts.Add("removed " + string.Join(", ", removed));
        }

        return parts.Count == 0 ? "" : ": " + string.Join("; ", parts);
    }

    // Entries are never rewritten, so one that cannot be read is described with less, never refused.
    private static IReadOnlyList<string> Read(string? json)
    {
        if (json is null)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<TagsCopy>(json, Options)?.Tags ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };
}
