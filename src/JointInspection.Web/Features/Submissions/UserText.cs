using Ganss.Xss;
using Markdig;

namespace JointInspection.Web.Features.Submissions;

/// <summary>
/// Turns what a respondent typed (paragraphs, lists, links, emphasis in Markdown style) into HTML that
/// is safe to show anywhere. Raw HTML in the input is shown as text, and the rendered HTML then passes
/// a sanitiser that allows only a handful of elements and no attributes but a link's address.
/// </summary>
public sealed class UserText
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private readonly HtmlSanitizer sanitizer;

    public UserText()
    {
        sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "br", "ul", "ol", "li", "em", "strong", "a", "blockquote"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["https", "http", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
                link.SetAttribute("class", "govuk-link");
            }
        };
    }

    public string ToSafeHtml(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : sanitizer.Sanitize(Markdig.Markdown.ToHtml(text, Markdown)).Trim();
}
