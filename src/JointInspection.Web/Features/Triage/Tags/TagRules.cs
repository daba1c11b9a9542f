namespace JointInspection.Web.Features.Triage.Tags;

/// <summary>What a tag's name may be: something short enough to read in the queue, on one line.</summary>
public static class TagRules
{
    public const string Field = "name";

    public const int MaxLength = 60;

    /// <summary>The name as it is stored (trimmed, inner spaces single), or why it cannot be.</summary>
    public static (string? Name, string? Error) Check(string? name)
    {
        var trimmed = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return trimmed switch
        {
            "" => (null, "Enter a name for the tag"),
            { Length: > MaxLength } => (null, $"Tag name must be {MaxLength} characters or fewer: it is {trimmed.Length}"),
            _ when trimmed.Any(char.IsControl) => (null, "Tag name must be plain text on one line"),
            _ => (trimmed, null),
        };
    }
}

/// <summary>What became of a change to the tags themselves.</summary>
public abstract record TagChange
{
    public sealed record Done(Tag Tag) : TagChange;

    /// <summary>Another tag already has the name (in any case): the two would be one, so say to merge instead.</summary>
    public sealed record NameTaken(Tag Existing) : TagChange;

    public sealed record NotFound : TagChange;
}
