namespace JointInspection.Web.Features.Feedback;

/// <summary>
/// The page someone was on when they chose to give feedback: the ?from= of the feedback page's address. Only a path on
/// this site is kept, so the staff page can never be made to show, or link to, another site.
/// </summary>
public static class FeedbackOrigin
{
    public const int PathMax = 500;

    /// <summary>The path to store, or null for anything that is not a path on this site.</summary>
    public static string? Clean(string? from)
    {
        // "//host" and "/\host" are addresses on another site to a browser, not paths on this one.
        if (string.IsNullOrEmpty(from) || from[0] != '/' || from.Length > PathMax
            || from.Any(c => c == '\\' || char.IsControl(c)) || from.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        var path = from.Split('?', '#')[0];
        // A status page's or email confirmation's address is a secret link: keep only that it was one of those.
        return path.StartsWith("/submissions/", StringComparison.Ordinal) ? "/submissions" : path;
    }

    /// <summary>The feedback link for a page: it names the page, unless the page is the feedback form itself.</summary>
    public static string LinkFrom(PathString page) =>
        page.StartsWithSegments("/feedback") || Clean(page.Value) is not { } from
            ? "/feedback"
            : $"/feedback?from={Uri.EscapeDataString(from)}";
}
