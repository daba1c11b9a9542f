using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using JointInspection.DevServices.Identity;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Account;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JointInspection.Tests.Auth;

/// <summary>
/// The development identity provider as the portal and a person meet it: real OpenID Connect round trips over
/// HTTP against the portal on real Kestrel, and the provider driven directly as a client would.
/// </summary>
public sealed class DevIdentityTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    private const string Sam = "sam.okafor@victims-voice.example";
    private const string Morgan = "morgan.lee@mail.example";

    private string Issuer => new Uri(portal.BaseAddress, "dev/identity/").AbsoluteUri;

    [Fact]
    public async Task Discovery_lists_the_endpoints_under_the_issuer_with_code_flow_and_S256_only()
    {
        using var browser = portal.NewBrowser();

        var page = await browser.GetAsync("/dev/identity/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        using var discovery = JsonDocument.Parse(page.Html);
        var root = discovery.RootElement;
        Assert.Equal(Issuer, root.GetProperty("issuer").GetString());
        foreach (var endpoint in new[] { "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "end_session_endpoint", "jwks_uri", "pushed_authorization_request_endpoint" })
        {
            Assert.StartsWith(Issuer, root.GetProperty(endpoint).GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(["code"], Strings(root.GetProperty("response_types_supported")));
        Assert.Equal(["S256"], Strings(root.GetProperty("code_challenge_methods_supported")));
        Assert.Contains("private_key_jwt", Strings(root.GetProperty("token_endpoint_auth_methods_supported")));
        Assert.Contains("client_secret_basic", Strings(root.GetProperty("token_endpoint_auth_methods_supported")));

        var keys = await browser.GetAsync(root.GetProperty("jwks_uri").GetString()!);
        using var keySet = JsonDocument.Parse(keys.Html);
        Assert.Contains(keySet.RootElement.GetProperty("keys").EnumerateArray(), key => key.GetProperty("kty").GetString() == "RSA");
    }

    [Fact]
    public async Task A_staff_sign_in_goes_through_PAR_and_the_provider_and_ends_in_a_portal_session_with_the_verified_email()
    {
        using var browser = portal.NewBrowser();

        var page = await browser.AsDemoPersonAsync("staff", Staff.ProbationChiefInspector, "/api/v1/staff/me");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/api/v1/staff/me", page.Address.AbsolutePath);
        // The portal's handler pushed its request first (PAR): the browser carried only a request_uri.
        Assert.Contains(page.Trail, address => address.AbsolutePath == "/dev/identity/connect/authorize" && address.Query.Contains("request_uri=urn", StringComparison.Ordinal));
        Assert.Contains(page.Trail, address => address.AbsolutePath == "/dev/identity/sign-in");
        using var me = JsonDocument.Parse(page.Html);
        Assert.Equal(Staff.ProbationChiefInspector, me.RootElement.GetProperty("email").GetString());
        Assert.Equal(["ChiefInspector"], Strings(me.RootElement.GetProperty("roles")));
        Assert.Equal("hmi-probation", me.RootElement.GetProperty("inspectorate").GetString());

        var session = await SessionAsync(browser);
        Assert.Equal(Staff.ProbationChiefInspector, session.FindFirst("email")?.Value);
        Assert.Equal("true", session.FindFirst("email_verified")?.Value);
        Assert.Equal("Justin Russell", session.FindFirst("name")?.Value);
        Assert.Equal("staff", session.FindFirst(PortalAuthentication.SignedInWithClaim)?.Value);
    }

    [Fact]
    public async Task A_stakeholder_sign_in_authenticates_the_portal_with_private_key_jwt_and_no_secret()
    {
        var configuration = portal.Services.GetRequiredService<IConfiguration>();
        Assert.Null(configuration["Authentication:Stakeholder:ClientSecret"]);
        Assert.True(File.Exists(configuration["Authentication:Stakeholder:ClientAssertionKeyPath"]));
        using var browser = portal.NewBrowser();

        var page = await browser.AsDemoPersonAsync("stakeholder", Sam, "/account/your-submissions");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/account/your-submissions", page.Address.AbsolutePath);
        // The pushed authorization request carried an assertion too (its audience the issuer, the token request's the token endpoint).
        Assert.Contains(page.Trail, address => address.AbsolutePath == "/dev/identity/connect/authorize" && address.Query.Contains("request_uri=urn", StringComparison.Ordinal));
        var session = await SessionAsync(browser);
        Assert.Equal(Sam, session.FindFirst("email")?.Value);
        Assert.Equal("stakeholder", session.FindFirst(PortalAuthentication.SignedInWithClaim)?.Value);
    }

    [Fact]
    public async Task The_token_endpoint_takes_an_assertion_signed_with_the_registered_key_and_refuses_any_other()
    {
        using var browser = portal.NewBrowser();
        var (code, verifier) = await AuthorizeAsync(browser, "portal-stakeholder", "signin-oidc-stakeholder", Morgan);

        using var stranger = RSA.Create(2048);
        var refused = await RedeemAsync(browser, code, verifier, stranger);
        Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{refused.StatusCode}");
        Assert.Equal("invalid_client", (await JsonAsync(refused)).GetProperty("error").GetString());

        using var registered = RSA.Create();
        registered.ImportFromPem(await File.ReadAllTextAsync(portal.Services.GetRequiredService<IConfiguration>()["Authentication:Stakeholder:ClientAssertionKeyPath"]!));
        var accepted = await RedeemAsync(browser, code, verifier, registered);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var tokens = await JsonAsync(accepted);
        var idToken = new JsonWebToken(tokens.GetProperty("id_token").GetString());
        Assert.Equal(Issuer, idToken.Issuer);
        Assert.Equal(["portal-stakeholder"], idToken.Audiences);
        Assert.Equal(Morgan, idToken.GetClaim("email").Value);
        Assert.Equal("true", idToken.GetClaim("email_verified").Value);
        Assert.Equal("Morgan Lee", idToken.GetClaim("name").Value);

        using var userInfoRequest = new HttpRequestMessage(HttpMethod.Get, "/dev/identity/connect/userinfo");
        userInfoRequest.Headers.Authorization = new("Bearer", tokens.GetProperty("access_token").GetString());
        using var userInfo = await browser.SendAsync(userInfoRequest);
        var claims = await JsonAsync(userInfo);
        Assert.Equal(Morgan, claims.GetProperty("email").GetString());
        Assert.True(claims.GetProperty("email_verified").GetBoolean());
        Assert.Equal("Morgan Lee", claims.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_authorization_request_without_a_PKCE_challenge_is_refused()
    {
        using var browser = portal.NewBrowser();
        var redirect = new Uri(portal.BaseAddress, "signin-oidc-staff").AbsoluteUri;

        var page = await browser.GetAsync(
            $"/dev/identity/connect/authorize?client_id=portal-staff&redirect_uri={Uri.EscapeDataString(redirect)}&response_type=code&response_mode=query&scope=openid%20email&state=s",
            stopAt: address => address.AbsolutePath == "/signin-oidc-staff");

        // Refused on the spot, before anyone is asked to sign in, and no code goes anywhere.
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.Location);
        Assert.Contains("invalid_request", page.Html, StringComparison.Ordinal);
        Assert.Contains("code_challenge", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_post_response_submits_itself_under_a_nonce_the_portal_policy_would_otherwise_block()
    {
        using var browser = portal.NewBrowser();
        var (_, challenge) = Pkce();
        var redirect = new Uri(portal.BaseAddress, "signin-oidc-staff").AbsoluteUri;
        var picker = await browser.GetAsync(
            $"/dev/identity/connect/authorize?client_id=portal-staff&redirect_uri={Uri.EscapeDataString(redirect)}&response_type=code&response_mode=form_post&scope=openid%20email&state=s&code_challenge={challenge}&code_challenge_method=S256");

        var page = await browser.SubmitAsync(picker, picker.FindForm("data-dev-identity-picker")!, fields: ("Person", Staff.Secretariat));

        var form = page.FindForm($"id=\"{FormPostResponse.FormId}\"");
        Assert.NotNull(form);
        Assert.Equal(redirect, form.Action);
        Assert.Contains(form.HiddenFields, field => field.Key == "code");
        var policy = page.Headers["Content-Security-Policy"];
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "script-src 'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"<script nonce=\"{nonce}\">", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_callback_ends_on_the_sign_in_failed_page_not_an_error()
    {
        using var browser = portal.NewBrowser();

        var page = await browser.GetAsync("/signin-oidc-staff?code=x&state=forged");

        Assert.Equal("/account/sign-in-failed", page.Address.AbsolutePath);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Sign-in did not work", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_provider_keeps_its_session_until_end_session_ends_it()
    {
        using var browser = portal.NewBrowser();
        var first = await browser.AsDemoPersonAsync("staff", Staff.Secretariat, "/staff");
        Assert.Contains(first.Trail, address => address.AbsolutePath == "/dev/identity/sign-in");

        var again = await browser.AsDemoPersonAsync("staff", "nobody@example.org", "/staff");
        Assert.DoesNotContain(again.Trail, address => address.AbsolutePath == "/dev/identity/sign-in");
        Assert.Equal(Staff.Secretariat, (await SessionAsync(browser)).FindFirst("email")?.Value);

        var postLogout = new Uri(portal.BaseAddress, "signout-callback-oidc-staff").AbsoluteUri;
        var ended = await browser.GetAsync(
            $"/dev/identity/connect/end-session?client_id=portal-staff&post_logout_redirect_uri={Uri.EscapeDataString(postLogout)}&state=bye",
            stopAt: address => address.AbsolutePath == "/signout-callback-oidc-staff");
        Assert.Equal($"{postLogout}?state=bye", ended.Location?.AbsoluteUri);
        Assert.DoesNotContain("ji-dev-identity", browser.Cookies.Keys);

        var next = await browser.AsDemoPersonAsync("staff", Staff.ProbationChiefInspector, "/staff");
        Assert.Contains(next.Trail, address => address.AbsolutePath == "/dev/identity/sign-in");
        Assert.Equal(Staff.ProbationChiefInspector, (await SessionAsync(browser)).FindFirst("email")?.Value);
    }

    [Fact]
    public async Task End_session_returns_only_to_a_registered_address()
    {
        using var browser = portal.NewBrowser();

        var page = await browser.GetAsync(
            $"/dev/identity/connect/end-session?post_logout_redirect_uri={Uri.EscapeDataString("https://elsewhere.example/")}",
            stopAt: address => address.Host == "elsewhere.example");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.Location);
    }

    [Fact]
    public async Task The_demo_staff_have_their_roles_and_seeding_again_changes_nothing()
    {
        var database = portal.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        const string SeedChanges = "SELECT count(*) FROM audit_log WHERE actor = 'dev-seed'";
        var before = await connection.ExecuteScalarAsync<long>(SeedChanges);

        await portal.Services.GetServices<IStartupTask>().OfType<DevIdentityStartup>().Single().RunAsync(CancellationToken.None);

        // One grant, so one audit entry, for each demo person the seed makes staff.
        Assert.Equal(DemoPeople.All.Count(person => person.IsStaff), before);
        Assert.Equal(before, await connection.ExecuteScalarAsync<long>(SeedChanges));
        var staff = (await portal.Services.GetRequiredService<StaffDirectory>().ListAsync()).ToDictionary(member => member.Email);
        Assert.Equal(["ChiefInspector"], staff[Staff.PoliceChiefInspector].Roles);
        Assert.Equal("hmicfrs", staff[Staff.PoliceChiefInspector].InspectorateCode);
        Assert.Equal(["Secretariat"], staff[Staff.Secretariat].Roles);
        Assert.Equal(["Admin"], staff[Staff.Admin].Roles);
        Assert.False(staff.ContainsKey(Sam));
    }

    [Fact]
    public async Task Left_unset_in_Testing_the_provider_is_off_and_sign_in_says_it_is_not_available()
    {
        using var plain = new PortalFactory();
        using var client = plain.CreateClient(new() { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/identity/.well-known/openid-configuration")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/identity/sign-in")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/account/sign-in/staff")).StatusCode);
    }

    [Fact]
    public void Settings_for_a_real_provider_win_over_the_development_defaults()
    {
        using var configured = new PortalFactory();
        configured.Settings["DevServices:Identity:Enabled"] = "true";
        configured.Settings["Authentication:Staff:Authority"] = "https://login.example/";
        configured.Settings["Authentication:Staff:ClientId"] = "joint-inspection";

        var configuration = configured.Services.GetRequiredService<IConfiguration>();
        var openIdConnect = configured.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>();

        Assert.Equal("joint-inspection", configuration["Authentication:Staff:ClientId"]);
        Assert.Null(configuration["Authentication:Staff:ClientSecret"]);
        Assert.Equal("https://login.example/", openIdConnect.Get("staff").Authority);
        Assert.Equal("portal-stakeholder", configuration["Authentication:Stakeholder:ClientId"]);
        Assert.EndsWith("/dev/identity/", openIdConnect.Get("stakeholder").Authority, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switched_on_in_Production_it_stops_start_up_with_one_clear_line()
    {
        var folder = Directory.CreateTempSubdirectory("joint-inspection-dev-identity-").FullName;
        try
        {
            var database = await TestDatabase.ForProcessAsync(folder);
            var run = await PortalProcess.RunAsync(folder, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Portal"] = database,
                ["DevServices__Identity__Enabled"] = "true",
            });
            await TestDatabase.DropForProcessAsync(database);

            Assert.Equal(1, run.ExitCode);
            var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(
                "Start-up stopped: DevServices:Identity:Enabled is true in the Production environment; the development identity provider " +
                "must never run outside Development or Testing. Remove the setting, or configure Authentication:Staff:* and " +
                "Authentication:Stakeholder:* for real providers.",
                line);
            Assert.False(File.Exists(Path.Combine(folder, "portal.db")), "The refusal comes before the database is touched.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs an authorization request for <paramref name="clientId"/> as a client would, stopping at the redirect back with the code.</summary>
    private async Task<(string Code, string Verifier)> AuthorizeAsync(TestBrowser browser, string clientId, string callbackPath, string email)
    {
        var (verifier, challenge) = Pkce();
        var redirect = new Uri(portal.BaseAddress, callbackPath).AbsoluteUri;
        bool AtCallback(Uri address) => address.AbsolutePath == "/" + callbackPath;
        var page = await browser.GetAsync(
            $"/dev/identity/connect/authorize?client_id={clientId}&redirect_uri={Uri.EscapeDataString(redirect)}&response_type=code&response_mode=query" +
            $"&scope=openid%20email%20profile&state=s1&nonce=n1&code_challenge={challenge}&code_challenge_method=S256",
            AtCallback);
        page = await browser.CompleteProviderStepsAsync(page, email, AtCallback);
        Assert.NotNull(page.Location);
        var answer = QueryHelpers.ParseQuery(page.Location.Query);
        Assert.Equal("s1", answer["state"].ToString());
        Assert.Equal(Issuer, answer["iss"].ToString());
        return (answer["code"].ToString(), verifier);
    }

    private async Task<HttpResponseMessage> RedeemAsync(TestBrowser browser, string code, string verifier, RSA key)
    {
        var tokenEndpoint = new Uri(portal.BaseAddress, "dev/identity/connect/token").AbsoluteUri;
        var now = DateTime.UtcNow;
        var assertion = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "portal-stakeholder",
            Audience = tokenEndpoint,
            Claims = new Dictionary<string, object> { ["sub"] = "portal-stakeholder", ["jti"] = Guid.NewGuid().ToString("N") },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            // Uncached: IdentityModel caches signers by key material process-wide, and the portal in this process signs with this same key.
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key), SecurityAlgorithms.RsaSha256)
            {
                CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
            },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["code_verifier"] = verifier,
                ["redirect_uri"] = new Uri(portal.BaseAddress, "signin-oidc-stakeholder").AbsoluteUri,
                ["client_id"] = "portal-stakeholder",
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = assertion,
            }),
        };
        var response = await browser.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier))));
    }

    /// <summary>The portal session the browser holds, read as the portal reads it.</summary>
    private async Task<System.Security.Claims.ClaimsPrincipal> SessionAsync(TestBrowser browser)
    {
        var options = portal.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(PortalAuthentication.CookieScheme);
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = string.Join("; ", browser.Cookies.Select(cookie => $"{cookie.Key}={cookie.Value}"));
        var cookie = options.CookieManager.GetRequestCookie(context, options.Cookie.Name!);
        Assert.False(string.IsNullOrEmpty(cookie), "The browser holds no portal session.");
        // The cookie holds only the session's key; the session itself is in the portal's store.
        var key = options.TicketDataFormat.Unprotect(cookie)!.Principal.FindFirst("Microsoft.AspNetCore.Authentication.Cookies-SessionId")!.Value;
        var ticket = await options.SessionStore!.RetrieveAsync(key);
        Assert.NotNull(ticket);
        return ticket.Principal;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString()!)];
}
