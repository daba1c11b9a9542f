using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using JointInspection.TestSupport;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Tests.Triage;

/// <summary>Who may see the queue, what a bad query gets, and the page itself.</summary>
public sealed partial class TriagePageAndApiTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    [Theory]
    [InlineData("sort=highest-risk", "sort")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("after=JI-000001", "after")]
    [InlineData("after=-5", "after")]
    [InlineData("before=0", "before")]
    [InlineData("after=3&before=9", "before")]
    [InlineData("kind=complaint", "kind")]
    [InlineData("areaOfFocus=road-safety", "areaOfFocus")]
    [InlineData("inspectorate=ofwat", "inspectorate")]
    [InlineData("respondentType=robot", "respondentType")]
    [InlineData("confirmed=maybe", "confirmed")]
    [InlineData("status=Not%20a%20status!", "status")]
    [InlineData("status=archived", "status")]
    [InlineData("sort=risk&after=17", "after")]
    [InlineData("sort=risk&after=26-17", "after")]
    [InlineData("round=2019-21", "round")]
    public async Task A_bad_parameter_gets_a_400_naming_it(string query, string parameter)
    {
        using var browser = await portal.SignedInAsync(Staff.Secretariat);

        using var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/triage/submissions?{query}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal([parameter], problem!.Errors.Keys);
    }

    [Fact]
    public async Task The_round_filter_shows_one_rounds_submissions_and_leaving_it_out_shows_every_round()
    {
        var marker = "m" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = SubmissionRows.StartedConnectionString(portal);
        var first = SubmissionRows.Insert(connectionString, new($"{marker} in the first round"));
        var later = SubmissionRows.Insert(connectionString, new($"{marker} in a later round"));
        using (var connection = TestDatabase.Open(connectionString))
        {
            Dapper.SqlMapper.Execute(connection, "INSERT INTO programme_round (first_year, title, created_at) VALUES (2041, 'Later', '2026-12-06T00:00:00.000Z') ON CONFLICT DO NOTHING");
            Dapper.SqlMapper.Execute(connection, "UPDATE submission SET round_id = (SELECT id FROM programme_round WHERE first_year = 2041) WHERE id = @later", new { later });
        }

        // Written behind the portal's back, as a second node would: tell this one, as the portal's own writers do.
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Web.Features.Programme.ProgrammeReader>(portal.Services).Invalidate();

        using var browser = await portal.SignedInAsync(Staff.Secretariat);
        async Task<IEnumerable<string>> References(string query)
        {
            using var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/triage/submissions?q={marker}{query}"));
            response.EnsureSuccessStatusCode();
            var page = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            return page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("reference").GetString()!).Order();
        }

        var firstReference = Web.Features.Submissions.SubmissionReference.Format(first);
        var laterReference = Web.Features.Submissions.SubmissionReference.Format(later);
        Assert.Equal([firstReference], await References("&round=2021-23"));
        Assert.Equal([laterReference], await References("&round=2041-43"));
        Assert.Equal([firstReference, laterReference], await References(""));
    }

    [Fact]
    public async Task Anonymous_people_are_sent_to_sign_in_and_stakeholders_are_refused()
    {
        using var anonymous = portal.NewBrowser();
        using var apiAnonymous = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/triage/submissions"));
        Assert.Equal(HttpStatusCode.Unauthorized, apiAnonymous.StatusCode);
        var page = await anonymous.GetAsync("/triage");
        Assert.Contains(page.Trail, address => address.AbsolutePath == "/account/sign-in");

        using var stakeholder = await portal.SignedInAsync("sam.okafor@victims-voice.example", provider: "stakeholder");
        using var apiStakeholder = await stakeholder.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/triage/submissions"));
        Assert.Equal(HttpStatusCode.Forbidden, apiStakeholder.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stakeholder.GetAsync("/triage")).Status);
    }

    [Fact]
    public async Task A_reference_in_the_search_goes_straight_to_the_submission_and_an_unknown_one_says_so()
    {
        var marker = "m" + Guid.NewGuid().ToString("N")[..12];
        var id = SubmissionRows.Insert(portal.ConnectionString, new($"{marker} text"));
        var reference = Web.Features.Submissions.SubmissionReference.Format(id);
        using var browser = await portal.SignedInAsync(Staff.Secretariat);

        var found = await browser.GetAsync($"/triage?q={reference.ToLowerInvariant()}&status=accepted");

        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Equal($"/triage/{reference}", found.Trail[^1].AbsolutePath);
        Assert.Contains($"<h1 class=\"govuk-heading-xl\">{reference}</h1>", found.Html, StringComparison.Ordinal);

        var missing = await browser.GetAsync($"/triage?q=JI-{id + 1000000}");
        Assert.Equal(HttpStatusCode.OK, missing.Status);
        Assert.Equal("/triage", missing.Trail[^1].AbsolutePath);
        Assert.Contains($"There is no submission JI-{id + 1000000}", missing.Html, StringComparison.Ordinal);
        Assert.Contains($"value=\"JI-{id + 1000000}\"", missing.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_shows_a_script_in_a_title_as_text()
    {
        var marker = "m" + Guid.NewGuid().ToString("N")[..12];
        SubmissionRows.Insert(portal.ConnectionString, new($"{marker} text", Title: "<script>alert('x')</script> & more"));
        using var browser = await portal.SignedInAsync(Staff.Secretariat);

        var page = await browser.GetAsync($"/triage?q={marker}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_filters_counts_and_pages_through_links_that_keep_the_filters()
    {
        var marker = "m" + Guid.NewGuid().ToString("N")[..12];
        var ids = SubmissionRows.InsertMany(portal.ConnectionString, Enumerable.Range(0, 5).Select(i => new SubmissionRow($"{marker} {i}", Confirmed: i % 2 == 0)));
        using var browser = await portal.SignedInAsync(Staff.Secretariat);

        var first = await browser.GetAsync($"/triage?q={marker}&confirmed=true&limit=2");
        var next = Href(first.Html, "next");
        var second = await browser.GetAsync(next!);

        Assert.Equal([ids[4], ids[2]], References(first.Html));
        Assert.Contains("<span data-count>3</span>", first.Html, StringComparison.Ordinal);
        Assert.Contains($"q={marker}", next, StringComparison.Ordinal);
        Assert.Contains("confirmed=true", next, StringComparison.Ordinal);
        Assert.Contains($"after={ids[2]}", next, StringComparison.Ordinal);
        Assert.Equal([ids[0]], References(second.Html));
        Assert.Null(Href(second.Html, "next"));
        Assert.Equal([ids[4], ids[2]], References((await browser.GetAsync(Href(second.Html, "prev")!)).Html));
    }

    [Fact]
    public async Task A_bad_filter_on_the_page_says_what_is_wrong()
    {
        using var browser = await portal.SignedInAsync(Staff.Secretariat);

        var page = await browser.GetAsync("/triage?sort=sideways");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<a href=\"#sort\">Unknown sort &#x27;sideways&#x27;", page.Html, StringComparison.Ordinal);
        Assert.StartsWith("Error: ", TitleText().Match(page.Html).Groups[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_is_in_the_openapi_document_with_its_parameters_and_problems()
    {
        using var client = new HttpClient { BaseAddress = portal.BaseAddress };

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var get = document.GetProperty("paths").GetProperty("/api/v1/triage/submissions").GetProperty("get");
        var parameters = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        foreach (var name in new[] { "status", "kind", "areaOfFocus", "inspectorate", "respondentType", "confirmed", "q", "sort", "after", "limit" })
        {
            Assert.Contains(name, parameters);
        }

        var statuses = get.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        Assert.Contains("400", statuses);
        Assert.Contains("401", statuses);
        Assert.Contains("403", statuses);
    }

    private static List<long> References(string html) =>
        Reference().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static string? Href(string html, string rel) =>
        Regex.Match(html, $"href=\"([^\"]*)\" rel=\"{rel}\"") is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    [GeneratedRegex("data-reference=\"JI-([0-9]+)\"")]
    private static partial Regex Reference();

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex TitleText();
}
