using AngleSharp.Html.Parser;
using JointInspection.Web.Features.Submissions;

namespace JointInspection.Tests.Submissions;

public sealed class UserTextTests
{
    private readonly UserText userText = new();

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

    [Fact]
    public void Typed_html_is_shown_as_the_text_that_was_typed()
    {
        var html = userText.ToSafeHtml("<b>bold?</b>");

        Assert.Equal("<b>bold?</b>", new HtmlParser().ParseDocument(html).Body!.TextContent.Trim());
    }
}
