using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Outcome;

namespace JointInspection.Tests.Outcome;

/// <summary>A round that received nothing still concludes, and its outcome says so with every count at nought.</summary>
public sealed class OutcomeEmptyRoundTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task A_round_concluded_with_nothing_received_publishes_an_outcome_of_noughts_and_no_decisions()
    {
        await Conclusions.FinaliseAsync(portal.Services);
        await Conclusions.PublishOutcomeAsync(portal.Services);
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/programmes/2021-23/outcome");
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var log = await client.GetFromJsonAsync<DecisionLogDocument>("/api/v1/programmes/2021-23/decisions");
        using var csv = await client.GetAsync("/api/v1/programmes/2021-23/responses.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, page.QuerySelectorAll("svg[data-chart]").Length);
        Assert.All(page.QuerySelectorAll("table[data-table] td"), cell => Assert.Equal("0", cell.TextContent.Trim()));
        Assert.NotNull(page.QuerySelector("[data-field=no-decisions]"));
        Assert.NotNull(page.QuerySelector("[data-field=no-changes]"));
        Assert.Empty(log!.Decisions);
        Assert.Empty(OutcomeApiTests.ReadCsv(await csv.Content.ReadAsByteArrayAsync()));
    }
}
