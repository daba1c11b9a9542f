using System.Net;
using System.Net.Http.Json;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Site;

public sealed class PublicPagesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    public static TheoryData<string, string> Pages => new()
    {
        { "/", "Have your say on the joint inspection programme 2021–23" },
        { "/programmes/2021-23", "Draft joint inspection programme 2021–23" },
        { "/programmes/2021-23/workstreams/mental-health", "Mental health" },
        { "/areas-of-focus", "Areas of focus" },
        { "/cross-cutting-issues", "Cross-cutting issues" },
        { "/principles", "The ten principles of inspection" },
        { "/accessibility", "Accessibility statement" },
        { "/privacy", "Privacy notice" },
        { "/open-data", "Open data" },
        { "/feedback", "Give feedback on the joint inspection programme consultation" },
        { "/feedback/sent", "Thank you for your feedback" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_public_page_has_one_h1_a_title_and_a_skip_link(string path, string heading)
    {
        var response = await portal.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageParser.ParseAsync(response);
        var h1 = Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Equal(heading, h1.TextContent.Trim());
        Assert.Equal($"{heading} – Joint inspection programme consultation", page.Title);
        Assert.Equal("#main-content", page.QuerySelector("a.govuk-skip-link")?.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("main#main-content"));
        Assert.Equal("en-GB", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_programme_page_lists_all_sixteen_workstreams_under_the_plans_headings()
    {
        var page = await PageParser.ParseAsync(await portal.CreateClient().GetAsync("/programmes/2021-23"));

        Assert.Equal(16, page.QuerySelectorAll("li[data-workstream]").Length);
        Assert.Equal(
            ["Core joint inspections", "Joint thematic inspections", "Involving three or more criminal justice inspectorates", "Involving two criminal justice inspectorates"],
            page.QuerySelectorAll("h3").Select(h => h.TextContent.Trim()));
        var mappa = page.QuerySelector("li[data-workstream=multi-agency-public-protection]")!;
        Assert.Equal("HMI Probation", mappa.QuerySelector("dd[data-field=lead]")!.TextContent.Trim());
        Assert.Equal("HMICFRS, HMI Prisons", mappa.QuerySelector("dd[data-field=supporting]")!.TextContent.Trim());
        var covid = page.QuerySelector("li[data-workstream=covid-19-recovery]")!;
        Assert.Equal("Not yet decided", covid.QuerySelector("dd[data-field=lead]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_workstream_page_says_who_takes_part_by_nation()
    {
        var page = await PageParser.ParseAsync(await portal.CreateClient().GetAsync("/programmes/2021-23/workstreams/youth-inspection-programme"));

        Assert.Equal("CQC (England), HIW (Wales), CIW (Wales), Estyn (Wales)", page.QuerySelector("dd[data-field=partners]")!.TextContent.Trim());
        Assert.StartsWith("Bilateral", page.QuerySelector("dd[data-field=collaboration]")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/programmes/2021-23/workstreams/no-such-workstream")]
    [InlineData("/no-such-page")]
    public async Task An_unknown_page_gets_the_not_found_page(string path)
    {
        var response = await portal.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await PageParser.ParseAsync(response);
        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task The_stylesheet_is_served_from_the_repositorys_wwwroot()
    {
        var response = await portal.CreateClient().GetAsync("/css/portal.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        var css = await response.Content.ReadAsStringAsync();
        Assert.Contains(".govuk-summary-list", css, StringComparison.Ordinal);
        Assert.DoesNotContain("GDS Transport", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_forbid_inline_script_and_framing()
    {
        var response = await portal.CreateClient().GetAsync("/");

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Health_reports_the_database()
    {
        var response = await portal.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_reports_a_lost_database_as_unhealthy()
    {
        using var lost = new PortalFactory();
        using var client = lost.CreateClient();
        if (TestDatabase.IsPostgreSql)
        {
            await TestDatabase.DropPostgreSqlAsync(lost.ConnectionString);
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(lost.DatabasePath);
            Directory.CreateDirectory(lost.DatabasePath); // a folder where the file was: SQLite cannot open it
        }

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_both_programme_endpoints()
    {
        var document = await portal.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/programme", out var programme));
        Assert.True(programme.GetProperty("get").GetProperty("responses").TryGetProperty("200", out _));
        Assert.True(paths.TryGetProperty("/api/v1/workstreams/{id}", out var workstream));
        var responses = workstream.GetProperty("get").GetProperty("responses");
        Assert.True(responses.TryGetProperty("200", out _));
        Assert.True(responses.TryGetProperty("404", out _));
    }

    [Fact]
    public async Task An_unknown_workstream_in_the_api_is_a_problem_details_404()
    {
        var response = await portal.CreateClient().GetAsync("/api/v1/workstreams/no-such-workstream");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
        Assert.Equal("Workstream not found", problem!.Title);
        Assert.Contains("no-such-workstream", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_api_path_is_a_problem_details_404_not_the_html_page()
    {
        var response = await portal.CreateClient().GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
