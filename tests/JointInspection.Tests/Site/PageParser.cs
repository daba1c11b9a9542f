using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace JointInspection.Tests.Site;

public static class PageParser
{
    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
}
