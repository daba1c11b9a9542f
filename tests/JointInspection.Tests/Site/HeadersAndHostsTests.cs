using System.Net;
using System.Net.Http.Json;
using Dapper;
using JointInspection.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace JointInspection.Tests.Site;

/// <summary>
/// The pipeline's defences that do not belong to one feature: the public address and allowed hosts, forwarded
/// headers from known proxies only, HSTS and HTTPS redirection, no-store on private pages, Retry-After, no Server.
/// </summary>
public sealed class HeadersAndHostsTests
{
    private const string PublicHost = "consult.example.org";

    [Fact]
    public async Task Outside_development_start_up_stops_without_a_public_base_url()
    {
        var folder = Directory.CreateTempSubdirectory("joint-inspection-base-url-").FullName;
        try
        {
            var database = await TestDatabase.ForProcessAsync(folder);
            var run = await PortalProcess.RunAsync(folder, new Dictionary<string, string>
            {
                ["ConnectionStrings__Portal"] = database,
                ["Portal__PublicBaseUrl"] = "",
            });
            await TestDatabase.DropForProcessAsync(database);

            Assert.Equal(1, run.ExitCode);
            var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("Start-up stopped: Portal:PublicBaseUrl is not set", line, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "portal.db")), "The refusal comes before the database is touched.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_forged_host_is_refused_and_email_links_use_the_configured_base()
    {
        using var portal = new PortalFactory();
        portal.Settings["Portal:PublicBaseUrl"] = $"https://{PublicHost}/";
        var client = portal.CreateClient();
        client.BaseAddress = new Uri($"https://{PublicHost}/");

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = JsonContent.Create(SampleSubmissions.Response()) };
        forged.Headers.Host = "attacker.example";
        var refused = await client.SendAsync(forged);
        var accepted = await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.StartsWith($"https://{PublicHost}/submissions/", accepted.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT count(*) FROM submission"));
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM outbox_message WHERE text_body LIKE '%attacker.example%'"));
        // The receipt and the confirmation request both link to the configured address.
        Assert.Equal(2L, connection.ExecuteScalar<long>($"SELECT count(*) FROM outbox_message WHERE text_body LIKE '%https://{PublicHost}/submissions/%'"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.0.0.0/8 192.0.2.7")]
    public async Task A_spoofed_forwarded_for_from_a_client_that_is_not_a_known_proxy_changes_nothing(string? knownProxies)
    {
        using var portal = new PortalFactory(onRealKestrel: true);
        portal.Settings["Submissions:RateLimit:PermitLimit"] = "2";
        portal.Settings["Portal:KnownProxies"] = knownProxies;
        portal.StartServer();
        var client = portal.CreateClient();

        var answers = new List<HttpStatusCode>();
        foreach (var spoofed in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            answers.Add((await PostFromAsync(client, spoofed)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_forwarded_client_has_its_own_allowance()
    {
        using var portal = new PortalFactory(onRealKestrel: true);
        portal.Settings["Submissions:RateLimit:PermitLimit"] = "2";
        portal.Settings["Portal:KnownProxies"] = "192.0.2.7, 127.0.0.1";
        portal.StartServer();
        var client = portal.CreateClient();

        var answers = new List<HttpStatusCode>();
        foreach (var visitor in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.1", "203.0.113.1" })
        {
            answers.Add((await PostFromAsync(client, visitor)).StatusCode);
        }

        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests],
            answers);
    }

    [Fact]
    public async Task In_production_https_responses_carry_hsts_and_plain_http_is_redirected()
    {
        using var portal = new ProductionPortal();
        portal.Settings["Portal:PublicBaseUrl"] = $"https://{PublicHost}/";
        var client = portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri($"https://{PublicHost}/") });

        var secure = await client.GetAsync("/programmes/2021-23");
        var plain = await client.GetAsync(new Uri($"http://{PublicHost}/programme?x=1"));

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Contains("max-age=", secure.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal($"https://{PublicHost}/programme?x=1", plain.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task In_production_redirection_can_be_left_to_a_proxy_that_terminates_tls()
    {
        using var portal = new ProductionPortal();
        portal.Settings["Portal:PublicBaseUrl"] = $"https://{PublicHost}/";
        portal.Settings["Portal:RedirectToHttps"] = "false";
        var client = portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri($"http://{PublicHost}/") });

        var plain = await client.GetAsync("/programmes/2021-23");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"), "HSTS is only sent over HTTPS.");
    }

    [Fact]
    public async Task Outside_production_there_is_no_hsts_and_no_redirect()
    {
        using var portal = new PortalFactory();
        var client = portal.CreateClient(new() { AllowAutoRedirect = false });

        var page = await client.GetAsync("/programmes/2021-23");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("/triage")]
    [InlineData("/triage/overview")]
    [InlineData("/triage/JI-000001/assess")]
    [InlineData("/staff")]
    [InlineData("/admin/staff")]
    [InlineData("/account/your-submissions")]
    [InlineData("/api/v1/triage/submissions")]
    [InlineData("/api/v1/staff/me")]
    [InlineData("/submissions/not-a-real-token")]
    [InlineData("/respond/about-you")]
    [InlineData("/respond/check")]
    [InlineData("/feedback")]
    [InlineData("/staff/feedback")]
    public async Task Private_pages_and_endpoints_are_never_stored_by_a_cache(string path)
    {
        using var portal = new PortalFactory();
        var client = portal.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.True(response.Headers.CacheControl?.NoStore, $"{path} answered {(int)response.StatusCode} with Cache-Control '{response.Headers.CacheControl}'.");
    }

    [Fact]
    public async Task A_status_page_is_never_stored_but_the_public_programme_may_be()
    {
        using var portal = new PortalFactory();
        var client = portal.CreateClient();
        var created = await (await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response())).Content.ReadFromJsonAsync<CreatedSubmission>();

        var status = await client.GetAsync(created!.StatusUrl.PathAndQuery);
        var programme = await client.GetAsync("/programmes/2021-23");

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.True(status.Headers.CacheControl?.NoStore);
        Assert.NotEqual(true, programme.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task A_429_says_when_to_try_again_on_the_api_and_on_the_pages()
    {
        using var portal = new PortalFactory();
        portal.Settings["Submissions:RateLimit:PermitLimit"] = "1";
        portal.Settings["Submissions:RateLimit:WindowSeconds"] = "600";
        var client = portal.CreateClient();
        await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response());

        var api = await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response());
        var form = await PageParser.ParseAsync(await client.GetAsync("/respond/check"));
        var token = form.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var page = await client.PostAsync("/respond/check", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        foreach (var refused in new[] { api, page })
        {
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(600));
        }
    }

    [Theory]
    [InlineData("/error/200", HttpStatusCode.NotFound)]
    [InlineData("/error/302", HttpStatusCode.NotFound)]
    [InlineData("/error/399", HttpStatusCode.NotFound)]
    [InlineData("/error/600", HttpStatusCode.NotFound)]
    [InlineData("/error/-1", HttpStatusCode.NotFound)]
    [InlineData("/error/400", HttpStatusCode.BadRequest)]
    [InlineData("/error/404", HttpStatusCode.NotFound)]
    [InlineData("/error/599", (HttpStatusCode)599)]
    public async Task The_error_page_shows_only_error_codes(string path, HttpStatusCode expected)
    {
        using var portal = new PortalFactory();

        var response = await portal.CreateClient().GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Responses_do_not_name_the_server()
    {
        using var portal = new PortalFactory(onRealKestrel: true);
        portal.StartServer();

        var response = await portal.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(",", response.Headers.Server)}");
    }

    private static async Task<HttpResponseMessage> PostFromAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = JsonContent.Create(SampleSubmissions.Response()) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    private sealed record CreatedSubmission(string Reference, Uri StatusUrl);

    private sealed class ProductionPortal : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
