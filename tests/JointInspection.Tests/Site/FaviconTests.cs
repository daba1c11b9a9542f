using System.Net;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Site;

public sealed class FaviconTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Every_page_names_the_portal_s_own_icon_and_browsers_asking_for_favicon_ico_get_it()
    {
        var client = portal.CreateClient();
        var page = await PageParser.ParseAsync(await client.GetAsync("/"));

        var icons = page.QuerySelectorAll("head link[rel=icon]").Select(l => l.GetAttribute("href")!).ToList();
        Assert.Equal("/favicon.ico", icons[0]);
        Assert.StartsWith("/favicon.svg", icons[1], StringComparison.Ordinal);
        foreach (var (path, type) in new[] { ("/favicon.ico", "image/x-icon"), (icons[1], "image/svg+xml") })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }
    }
}
