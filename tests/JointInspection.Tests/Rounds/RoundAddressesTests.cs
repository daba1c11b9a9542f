using System.Net;
using System.Text.Json;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Rounds;

/// <summary>Each round's programme has its own address; the addresses from before rounds follow the current round.</summary>
public sealed class RoundAddressesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Theory]
    [InlineData("/programme", "/programmes/2021-23")]
    [InlineData("/programme/workstreams/mental-health", "/programmes/2021-23/workstreams/mental-health")]
    public async Task The_old_addresses_redirect_to_the_current_rounds(string path, string target)
    {
        var client = portal.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(target, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/programmes/2019-21")]
    [InlineData("/programmes/not-a-round")]
    [InlineData("/programmes/2021-23/workstreams/no-such-workstream")]
    [InlineData("/programme/workstreams/no-such-workstream")]
    public async Task An_unknown_round_or_workstream_is_not_found(string path)
    {
        var response = await portal.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_api_lists_the_rounds_with_their_state_and_years_and_gives_each_its_programme()
    {
        var client = portal.CreateClient();

        using var rounds = JsonDocument.Parse(await client.GetStringAsync("/api/v1/programmes"));
        var round = Assert.Single(rounds.RootElement.EnumerateArray());
        Assert.Equal("2021-23", round.GetProperty("id").GetString());
        Assert.Equal("open", round.GetProperty("state").GetString());
        Assert.Equal(["2021-22", "2022-23"], round.GetProperty("programmeYears").EnumerateArray().Select(y => y.GetString()));
        Assert.Equal("/programmes/2021-23", round.GetProperty("url").GetString());

        using var programme = JsonDocument.Parse(await client.GetStringAsync("/api/v1/programmes/2021-23"));
        using var current = JsonDocument.Parse(await client.GetStringAsync("/api/v1/programme"));
        Assert.Equal(programme.RootElement.GetRawText(), current.RootElement.GetRawText());
        Assert.Equal(16, programme.RootElement.GetProperty("workstreams").GetArrayLength());
        Assert.Equal(
            "/programmes/2021-23/workstreams/mental-health",
            programme.RootElement.GetProperty("workstreams").EnumerateArray().Single(w => w.GetProperty("id").GetString() == "mental-health").GetProperty("url").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/programmes/2019-21")).StatusCode);
    }
}
