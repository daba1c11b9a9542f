using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Tests.Outcome;

/// <summary>Before a round concludes its outcome answers 404, saying it is not published yet and when it is due.</summary>
public sealed class OutcomeNotYetPublishedTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Theory]
    [InlineData("/programmes/2021-23/outcome")]
    [InlineData("/programmes/2021-23/outcome/responses")]
    public async Task The_outcome_of_a_round_not_concluded_is_a_404_page_that_says_when_it_is_due(string path)
    {
        using var client = portal.CreateClient();
        using var response = await client.GetAsync(path);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var round = (await client.GetFromJsonAsync<List<Web.Features.Programme.RoundDocument>>("/api/v1/programmes"))!.Single(r => r.Id == "2021-23");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("The outcome of this consultation is not published yet", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(
            $"The outcome is due by {UkTime.Date(round.ClosesAt!.Value + ProgrammeRound.ResponseWindow)}",
            string.Join(' ', page.QuerySelector("[data-field=due]")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)),
            StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("[data-decision], [data-response], svg[data-chart]"));
    }

    [Theory]
    [InlineData("decisions")]
    [InlineData("decisions.csv")]
    [InlineData("responses")]
    [InlineData("responses.csv")]
    public async Task The_open_data_of_a_round_not_concluded_is_a_problem_saying_the_outcome_is_not_published_yet(string path)
    {
        using var client = portal.CreateClient();
        using var response = await client.GetAsync($"/api/v1/programmes/2021-23/{path}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal("Outcome not published yet", problem.Title);
        Assert.StartsWith("The outcome of the 2021–23 consultation is not published yet. It is due by ", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_round_that_does_not_exist_has_no_outcome_page_and_no_open_data()
    {
        using var client = portal.CreateClient();
        using var page = await client.GetAsync("/programmes/2091-93/outcome");
        using var api = await client.GetAsync("/api/v1/programmes/2091-93/decisions");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("not published yet", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Programme round not found", (await api.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
    }
}
