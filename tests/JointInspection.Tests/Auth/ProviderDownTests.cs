using System.Net;
using JointInspection.Tests.Site;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/programmes/2021-23")).StatusCode);
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

    [Fact]
    public async Task A_provider_that_was_down_is_used_at_the_next_sign_in_once_it_answers()
    {
        var providerPort = MailSupport.FreePort();
        var portalPort = MailSupport.FreePort();
        using var portal = new PortalFactory(onRealKestrel: true, port: portalPort);
        portal.Settings["Authentication:Staff:Authority"] = $"http://127.0.0.1:{providerPort}/dev/identity/";
        portal.Settings["Authentication:Staff:ClientId"] = DevIdentityRegistration.StaffClientId;
        portal.Settings["Authentication:Staff:ClientSecret"] = DevIdentityRegistration.StaffClientSecret;
        portal.Settings["Authentication:Staff:RequireHttpsMetadata"] = "false";
        portal.StartServer();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            BaseAddress = portal.ClientOptions.BaseAddress,
            Timeout = TestPatience.SafetyNet,
        };
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/account/sign-in/staff")).StatusCode);

        using var provider = new PortalFactory(onRealKestrel: true, port: providerPort);
        provider.Settings["DevServices:Identity:Enabled"] = "true";
        provider.Settings["DevServices:Identity:OtherPortals"] = $"http://127.0.0.1:{portalPort}/";
        provider.StartServer();

        // "Try again in a few minutes" holds: the failed look-up is not remembered, so the next try reaches the provider.
        var again = await client.GetAsync("/account/sign-in/staff");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(providerPort, again.Headers.Location!.Port);
    }

    [Fact]
    public void The_wait_for_each_answer_from_a_provider_is_configurable()
    {
        using var portal = new PortalFactory();
        portal.Settings["Authentication:Staff:Authority"] = "http://127.0.0.1:9/";
        portal.Settings["Authentication:Staff:ClientId"] = "portal";
        portal.Settings["Authentication:Staff:ClientSecret"] = "secret";
        portal.Settings["Authentication:Staff:RequireHttpsMetadata"] = "false";
        portal.Settings["Authentication:Staff:BackchannelTimeoutSeconds"] = "17";

        var options = portal.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(PortalAuthentication.StaffScheme);

        Assert.Equal(TimeSpan.FromSeconds(17), options.BackchannelTimeout);
    }
}
