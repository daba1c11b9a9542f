using AngleSharp.Html.Parser;
using JointInspection.Web.Features.Submissions;

namespace JointInspection.Tests.Submissions;

public sealed class UserTextTests : IDisposable
{
    /// <summary>The payloads: each nests far past what any response needs, and each once cost a 500 or seconds of CPU.</summary>
    public static TheoryData<string, string> TooDeep => new()
    {
        { "quotes", new string('>', 1000) + " deep" },
        { "list", string.Join('\n', Enumerable.Range(0, 99).Select(level => new string(' ', 2 * level) + "- level " + level)) },
        { "brackets", new string('[', 20_000) },
    };

    private readonly UserText userText = new();

    public void Dispose() => userText.Dispose();

    [Fact]
    public void Paragraphs_lists_emphasis_and_links_become_html_with_safe_links()
    {
        var html = userText.ToSafeHtml("First *point*.\n\n- one\n- **two**\n\nSee [the plan](https://example.org/plan).");

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(2, document.QuerySelectorAll("p").Length);
        Assert.Equal("point", document.QuerySelector("em")?.TextContent);
        Assert.Equal(["one", "two"], document.QuerySelectorAll("li").Select(li => li.TextContent));
        var link = document.QuerySelector("a")!;
        Assert.Equal("https://example.org/plan", link.GetAttribute("href"));
        Assert.Equal("nofollow noopener noreferrer", link.GetAttribute("rel"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<style>body{display:none}</style>")]
    [InlineData("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>")]
    public void Markup_and_script_in_what_people_type_never_becomes_live(string typed)
    {
        var html = userText.ToSafeHtml(typed);

        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("script, img, svg, style, math, iframe"));
        Assert.DoesNotContain(document.All, element => element.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(document.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("See [the plan](javascript:alert(1)) now.")]
    [InlineData("See [the plan](vbscript:msgbox) now.")]
    [InlineData("See [the plan](data:text/html,hi) now.")]
    public void A_link_whose_address_is_removed_becomes_its_text(string typed)
    {
        var html = userText.ToSafeHtml(typed);

        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("a"));
        Assert.Equal("See the plan now.", document.Body!.TextContent.Trim());
    }

    [Fact]
    public void A_safe_link_beside_a_removed_one_keeps_its_address()
    {
        var html = userText.ToSafeHtml("[bad](javascript:alert(1)) and [good](https://example.org/) and **[bold bad](javascript:x)**");

        var document = new HtmlParser().ParseDocument(html);
        var link = Assert.Single(document.QuerySelectorAll("a"));
        Assert.Equal("https://example.org/", link.GetAttribute("href"));
        Assert.Equal("bold bad", document.QuerySelector("strong")?.TextContent);
        Assert.Equal("bad and good and bold bad", document.Body!.TextContent.Trim());
    }

    [Fact]
    public void Typed_html_is_shown_as_the_text_that_was_typed()
    {
        var html = userText.ToSafeHtml("<b>bold?</b>");

        Assert.Equal("<b>bold?</b>", new HtmlParser().ParseDocument(html).Body!.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(TooDeep))]
    public void Text_nested_too_deeply_is_shown_as_typed_rather_than_failing(string kind, string text)
    {
        var html = userText.ToSafeHtml(text);

        var shown = new HtmlParser().ParseDocument(html).Body!.TextContent;
        Assert.True(shown.Length >= 1000, $"The {kind} text was not shown: {html[..Math.Min(200, html.Length)]}");
    }

    [Theory]
    [InlineData(">", UserText.MaxNesting, false)]
    [InlineData(">", UserText.MaxNesting + 1, true)]
    [InlineData("[", UserText.MaxNesting, false)]
    [InlineData("[", UserText.MaxNesting + 1, true)]
    public void Nesting_is_allowed_up_to_the_limit_and_refused_beyond_it(string opener, int depth, bool refused)
    {
        var text = string.Concat(Enumerable.Repeat(opener + " ", depth)) + "the point";

        Assert.Equal(refused, UserText.NestsTooDeeply(text));
    }

    [Fact]
    public void Lists_nested_past_the_limit_are_refused()
    {
        string List(int levels) => string.Join('\n', Enumerable.Range(0, levels).Select(level => new string(' ', 2 * level) + "- level " + level));

        Assert.False(UserText.NestsTooDeeply(List(UserText.MaxNesting)));
        Assert.True(UserText.NestsTooDeeply(List(UserText.MaxNesting + 1)));
    }
}
