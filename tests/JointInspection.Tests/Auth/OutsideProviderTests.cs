using System.Net;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Account;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Auth;

/// <summary>
/// The portal as production runs it: no development provider of its own, only Authentication:Staff:* pointing at an
/// outside provider (here a second portal's development provider, a standards-compliant OpenIddict server on another
/// port), and a role granted from the command line.
/// </summary>
public sealed class OutsideProviderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("joint-inspection-outside-").FullName;
    private readonly PortalFactory provider;
    private readonly PortalFactory portal;

    public OutsideProviderTests()
    {
        var portalPort = MailSupport.FreePort();
        provider = new PortalFactory(onRealKestrel: true);
        provider.Settings["DevServices:Identity:Enabled"] = "true";
        provider.Settings["DevServices:Identity:OtherPortals"] = $"http://127.0.0.1:{portalPort}/";
        provider.StartServer();

        portal = new PortalFactory(onRealKestrel: true, port: portalPort);
        portal.Settings["Authentication:Staff:Authority"] = new Uri(provider.ClientOptions.BaseAddress, "dev/identity/").ToString();
        portal.Settings["Authentication:Staff:ClientId"] = DevIdentityRegistration.StaffClientId;
        portal.Settings["Authentication:Staff:ClientSecret"] = DevIdentityRegistration.StaffClientSecret;
        portal.Settings["Authentication:Staff:RequireHttpsMetadata"] = "false";
        portal.StartServer();
    }

    public void Dispose()
    {
        portal.Dispose();
        provider.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_staff_member_granted_a_role_by_the_command_line_signs_in_there_and_reaches_the_staff_area()
    {
        var grant = await PortalProcess.RunAsync(
            folder,
            new Dictionary<string, string> { ["ConnectionStrings__Portal"] = portal.ConnectionString, ["Logging__LogLevel__Default"] = "Warning" },
            "staff", "grant", "--email", "charlie.taylor@hmi-prisons.example", "--role", "ChiefInspector", "--inspectorate", "hmi-prisons");
        Assert.Equal(0, grant.ExitCode);
        using var browser = new TestBrowser(portal.ClientOptions.BaseAddress);

        var page = await browser.AsDemoPersonAsync("staff", "charlie.taylor@hmi-prisons.example", "/staff");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(portal.ClientOptions.BaseAddress.Authority, page.Address.Authority);
        Assert.Equal("/staff", page.Address.AbsolutePath);
        Assert.Contains(page.Trail, address => address.Authority == provider.ClientOptions.BaseAddress.Authority);
        Assert.Contains("Chief inspector", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_the_provider_knows_but_the_portal_gave_no_role_does_not_get_in()
    {
        using var browser = new TestBrowser(portal.ClientOptions.BaseAddress);

        // A secretariat officer at the provider's own portal: this portal has granted her nothing.
        var page = await browser.AsDemoPersonAsync("staff", "priya.shah@hmi-probation.example", "/staff");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("/account/access-denied", page.Address.AbsolutePath);
    }

    [Fact]
    public async Task Signing_out_lets_the_browser_go_on_to_the_providers_end_session_endpoint_and_ends_the_session_there()
    {
        await GrantAsync("charlie.taylor@hmi-prisons.example");
        using var browser = new TestBrowser(portal.ClientOptions.BaseAddress);
        await browser.AsDemoPersonAsync("staff", "charlie.taylor@hmi-prisons.example", "/staff");
        var providerOrigin = provider.ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority);

        var signOut = await browser.GetAsync("/account/sign-out");
        var answer = await browser.SubmitAsync(signOut, signOut.FindForm("action=\"/account/sign-out\"")!, stopAt: address => address.Authority != portal.ClientOptions.BaseAddress.Authority);

        // The redirect answers a form submission, so Chromium follows it only where form-action allows.
        Assert.NotNull(answer.Location);
        Assert.Equal("/dev/identity/connect/end-session", answer.Location.AbsolutePath);
        var formAction = FormAction(answer.Headers["Content-Security-Policy"]);
        Assert.Contains("'self'", formAction);
        Assert.Contains(providerOrigin, formAction);
        Assert.Equal(2, formAction.Count);

        var signedOut = await browser.GetAsync(answer.Location.AbsoluteUri);
        Assert.Equal(portal.ClientOptions.BaseAddress.Authority, signedOut.Address.Authority);
        Assert.Equal("/account/signed-out", signedOut.Address.AbsolutePath);
        // The provider no longer knows the person either: signing in again asks who they are.
        var again = await browser.AsDemoPersonAsync("staff", "charlie.taylor@hmi-prisons.example", "/staff");
        Assert.Contains(again.Trail, address => address.Authority == provider.ClientOptions.BaseAddress.Authority && address.AbsolutePath == "/dev/identity/sign-in");
    }

    [Fact]
    public async Task Pages_other_than_the_sign_out_answer_allow_forms_to_post_only_to_the_portal()
    {
        using var browser = new TestBrowser(portal.ClientOptions.BaseAddress);

        var page = await browser.GetAsync("/account/sign-out");

        Assert.Equal(["'self'"], FormAction(page.Headers["Content-Security-Policy"]));
    }

    private static List<string> FormAction(string policy) =>
        policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(directive => directive.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Single(parts => parts[0] == "form-action")
            .Skip(1)
            .ToList();

    private Task<StaffMember> GrantAsync(string email) =>
        portal.Services.GetRequiredService<StaffDirectory>().GrantAsync(email, StaffRoles.ChiefInspector, "hmi-prisons", "test");
}
