using System.Net;
using JointInspection.Tests.Site;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Auth;

public sealed class ProviderDownTests
{
    [Fact]
    public async Task A_provider_that_is_down_gets_a_friendly_page_and_the_public_site_keeps_working()
    {
        using var portal = new PortalFactory();
        // Nothing listens on port 9 (discard) of the loopback address here.
        portal.Settings["Authentication:Staff:Authority"] = "http://127.0.0.1:9/";
        portal.Settings["Authentication:Staff:ClientId"] = "portal";
        portal.Settings["Authentication:Staff:ClientSecret"] = "secret";
        portal.Settings["Authentication:Staff:RequireHttpsMetadata"] = "false";
        var client = portal.CreateClient();

        var response = await client.GetAsync("/account/sign-in/staff");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = await PageParser.ParseAsync(response);
        Assert.Equal("The sign-in service is not responding. Try again in a few minutes.", page.QuerySelector("[data-field=reason]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/programme")).StatusCode);
    }

    [Fact]
    public async Task A_provider_that_is_not_set_up_says_so()
    {
        using var portal = new PortalFactory();

        var response = await portal.CreateClient().GetAsync("/account/sign-in/stakeholder");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = await PageParser.ParseAsync(response);
        Assert.Contains("is not set up on this portal yet", page.QuerySelector("[data-field=reason]")!.TextContent, StringComparison.Ordinal);
    }
}
