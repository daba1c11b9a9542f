namespace JointInspection.Web.Features.Similarity;

/// <summary>The start of a long text, cut at a word, for a list.</summary>
public static class Excerpt
{
    public const int Length = 160;

    public static string Of(string? text)
    {
        var flat = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= Length)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', Length);
        return flat[..(cut > Length / 2 ? cut : Length)] + "…";
    }
}
