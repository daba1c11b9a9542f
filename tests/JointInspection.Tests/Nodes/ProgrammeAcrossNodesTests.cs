using System.Net.Http.Json;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Programme;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Nodes;

/// <summary>
/// Each node keeps the programme in memory and its public pages in its output cache. A change made through one node
/// invalidates only that node's copy; the other finds it by looking at the programme's revision in the database.
/// </summary>
public sealed class ProgrammeAcrossNodesTests
{
    private const string Round = "2021-23";

    [Fact]
    public async Task A_change_made_through_node_A_is_served_by_node_B_at_its_next_look_at_the_revision()
    {
        // Node B looks at the revision on every read; node A is never asked to tell it anything.
        await using var nodes = new TwoNodes(new PortalFactory(), b => b.Settings[ProgrammeReader.CheckSetting] = "0");
        var onB = nodes.B.CreateClient();
        var before = await OrderAsync(onB);
        Assert.True(before.Count >= 2, "The seeded programme has workstreams to reorder.");
        // Filled: the page is now in node B's output cache and its programme in node B's memory.
        using (var cached = await onB.GetAsync($"/programmes/{Round}"))
        using (var again = await onB.GetAsync($"/programmes/{Round}"))
        {
            Assert.NotNull(again.Headers.Age);
        }

        var moved = await nodes.A.Services.GetRequiredService<ProgrammeEditor>().MoveAsync(
            Round, before[0], up: false, "Reordered on another node.", Staff.Secretariat, CancellationToken.None);
        Assert.Empty(moved.Errors);

        var after = await OrderAsync(onB);
        Assert.Equal(before[1], after[0]);
        Assert.Equal(before[0], after[1]);
        var page = await onB.GetStringAsync($"/programmes/{Round}");
        Assert.True(
            page.IndexOf($"data-workstream=\"{before[1]}\"", StringComparison.Ordinal) < page.IndexOf($"data-workstream=\"{before[0]}\"", StringComparison.Ordinal),
            "Node B's programme page shows the new order.");
    }

    private static async Task<List<string>> OrderAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<ProgrammeDocument>("/api/v1/programme"))!.Workstreams.Select(w => w.Id).ToList();
}
