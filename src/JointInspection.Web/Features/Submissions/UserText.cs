using System.Diagnostics.Metrics;
using System.Text.Encodings.Web;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.Caching.Memory;

namespace JointInspection.Web.Features.Submissions;

/// <summary>
/// Turns what a respondent typed (paragraphs, lists, links, emphasis in Markdown style) into HTML that
/// is safe to show anywhere. Raw HTML in the input is shown as text, and the rendered HTML then passes
/// a sanitiser that allows only a handful of elements and no attributes but a link's address.
/// </summary>
/// <remarks>
/// Rendering a long text costs milliseconds, and pathological nesting far more, so text nested deeper than
/// <see cref="MaxNesting"/> is refused by the rules (<see cref="NestsTooDeeply"/>) and each text is rendered
/// once and then served from a bounded cache while it is unchanged.
/// </remarks>
public sealed class UserText : IDisposable
{
    /// <summary>Quotes, lists, emphasis or brackets inside one another: no real response comes near it.</summary>
    public const int MaxNesting = 20;

    /// <summary>The meter and counter that show how often a text is rendered rather than served from the cache.</summary>
    public const string MeterName = "JointInspection.Web.UserText";

    public const string RendersInstrument = "portal.user_text.renders";

    /// <summary>Texts and their HTML kept, in characters: a few hundred check pages' worth.</summary>
    private const long CacheCharacters = 8_000_000;

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder
    {
        // Markdig's own guard, well above what the rules let through: it only catches a text from before them.
        MaximumNestingDepth = 8 * MaxNesting,
    }
        .DisableHtml()
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private readonly HtmlSanitizer sanitizer;
    private readonly MemoryCache rendered = new(new MemoryCacheOptions { SizeLimit = CacheCharacters });
    private readonly Meter meter;
    private readonly Counter<long> renders;

    public UserText(IMeterFactory? meters = null)
    {
        meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        renders = meter.CreateCounter<long>(RendersInstrument, description: "Texts rendered to HTML rather than served from the cache.");
        sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "br", "ul", "ol", "li", "em", "strong", "a", "blockquote"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["https", "http", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        sanitizer.PostProcessDom += (_, e) =>
        {
            foreach (var link in e.Document.QuerySelectorAll("a").ToList())
            {
                if (string.IsNullOrWhiteSpace(link.GetAttribute("href")))
                {
                    // The sanitiser removed an unsafe address (javascript: and the like); an <a> without one is
                    // invalid HTML and reads as a broken link, so the words stay and the element goes.
                    link.Replace([.. link.ChildNodes]);
                }
                else
                {
                    link.SetAttribute("rel", "nofollow noopener noreferrer");
                    link.SetAttribute("class", "govuk-link");
                }
            }
        };
    }

    public void Dispose()
    {
        rendered.Dispose();
        meter.Dispose();
    }

    public string ToSafeHtml(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        return rendered.GetOrCreate(text, entry =>
        {
            var html = Render(text);
            entry.Size = text.Length + html.Length;
            return html;
        })!;
    }

    /// <summary>
    /// True when the text nests block quotes, lists, emphasis or links more than <see cref="MaxNesting"/> levels deep,
    /// or opens more than that many square brackets inside one another (which Markdig parses in quadratic time).
    /// </summary>
    public static bool NestsTooDeeply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (BracketDepth(text) > MaxNesting)
        {
            return true;
        }

        try
        {
            var document = Markdig.Markdown.Parse(text, Markdown);
            return document.Descendants().Any(node => Levels(node) > MaxNesting);
        }
        catch (ArgumentException)
        {
            // Markdig's own depth limit.
            return true;
        }
    }

    private string Render(string text)
    {
        renders.Add(1);
        if (NestsTooDeeply(text))
        {
            // Only a text saved before the rules refused it gets here: shown as it was typed, never an error page.
            return $"<p>{HtmlEncoder.Default.Encode(text)}</p>";
        }

        return sanitizer.Sanitize(Markdig.Markdown.ToHtml(text, Markdown)).Trim();
    }

    private static int BracketDepth(string text)
    {
        int depth = 0, deepest = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    deepest = Math.Max(deepest, ++depth);
                    break;
                case ']':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return deepest;
    }

    /// <summary>For a block, how many quotes and lists hold it; for an inline, how many emphases and links.</summary>
    private static int Levels(MarkdownObject node)
    {
        var levels = 0;
        if (node is Inline inline)
        {
            // The paragraph's own container is not a level.
            for (var parent = inline.Parent; parent?.Parent is not null; parent = parent.Parent)
            {
                levels++;
            }
        }
        else
        {
            for (var block = node as Block; block is not null; block = block.Parent)
            {
                levels += block is QuoteBlock or ListBlock ? 1 : 0;
            }
        }

        return levels;
    }
}
