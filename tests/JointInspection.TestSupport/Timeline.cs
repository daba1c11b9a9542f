using System.Net;
using System.Text.RegularExpressions;

namespace JointInspection.TestSupport;

/// <summary>One event of a submission's timeline as the staff pages show it.</summary>
public sealed record TimelineEvent(string When, string What, string Who);

/// <summary>Reads the MoJ timeline a staff page shows of a submission.</summary>
public static partial class Timeline
{
    /// <summary>The timeline's events in the order the page shows them, newest first.</summary>
    public static IReadOnlyList<TimelineEvent> Of(WebPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var start = page.Html.IndexOf("data-submission-history", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"No timeline on {page.Address}.");
        }

        return [.. Event().Matches(page.Html[start..]).Select(m => new TimelineEvent(
            WebUtility.HtmlDecode(m.Groups["when"].Value), WebUtility.HtmlDecode(m.Groups["what"].Value), WebUtility.HtmlDecode(m.Groups["who"].Value)))];
    }

    [GeneratedRegex(
        "data-field=\"what\">(?<what>[^<]*)</h3>.*?data-field=\"who\">(?<who>[^<]*)</span>.*?data-field=\"when\">(?<when>[^<]*)</time>",
        RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Event();
}
