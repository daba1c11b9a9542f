using AngleSharp.Html.Parser;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Retention;

/// <summary>The privacy notice says how long personal data is kept as Retention:Months sets it, and what goes and what stays.</summary>
public sealed class RetentionNoticeTests
{
    [Fact]
    public async Task The_privacy_notice_gives_the_configured_period_and_what_is_removed_and_kept()
    {
        using var portal = new PortalFactory();
        portal.Settings["Retention:Months"] = "18";
        using var client = portal.CreateClient();

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/privacy"));

        var period = string.Join(' ', page.QuerySelector("[data-field=retention-period]")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("until 18 months after the outcome of the consultation is published", period, StringComparison.Ordinal);
        Assert.DoesNotContain("12 months", page.Body!.TextContent, StringComparison.Ordinal);
        var removed = page.QuerySelectorAll("[data-field=retention-removed] li").Select(li => li.TextContent).ToList();
        Assert.Equal(["your name", "your email address", "your organisation’s name", "any documents you attached", "the emails we sent you"], removed);
        Assert.Contains(page.QuerySelectorAll("[data-field=retention-kept] li"), li => li.TextContent.Contains("type of organisation", StringComparison.Ordinal));
    }
}
