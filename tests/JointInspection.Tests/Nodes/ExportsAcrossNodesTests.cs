using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Exports;
using JointInspection.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JointInspection.Tests.Nodes;

/// <summary>
/// Exports on several nodes: the node writing an export claims it, and another node (starting, or on its next pass)
/// fails it only once that claim has run out, as it would after the writing node was killed.
/// </summary>
public sealed class ExportsAcrossNodesTests
{
    [Fact]
    public async Task An_export_another_node_is_writing_is_left_to_it_until_its_claim_runs_out()
    {
        // On a whole millisecond, as instants are stored.
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        await using var nodes = new TwoNodes(new PortalFactory { Clock = clock }, b => b.Clock = clock);
        var a = nodes.A.Services.GetRequiredService<ExportJobStore>();
        var b = nodes.B.Services.GetRequiredService<ExportJobStore>();
        var nodeA = nodes.A.Services.GetRequiredService<PortalNode>().Name;
        Assert.NotEqual(nodeA, nodes.B.Services.GetRequiredService<PortalNode>().Name);
        // Node A part way through writing an export: set here rather than by A's runner, which would finish it at once.
        long id;
        await using (var connection = nodes.A.OpenDatabase())
        {
            id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO export_job (requested_by, filter, format, state, created_at, started_at, claimed_by, claimed_until)
                VALUES ('writer@example.org', '', 'csv', 'running', @now, @now, @nodeA, @until) RETURNING id
                """,
                new { now = clock.GetUtcNow(), nodeA, until = clock.GetUtcNow() + ExportJob.ClaimLease });
        }

        // Node A's progress renews its claim; node B, passing within the claim, leaves the export alone.
        clock.Advance(ExportJob.ClaimLease - TimeSpan.FromSeconds(1));
        Assert.True(await a.ProgressAsync(id, 500, 1000, CancellationToken.None));
        clock.Advance(ExportJob.ClaimLease - TimeSpan.FromSeconds(1));
        await b.FailAbandonedAsync(CancellationToken.None);
        Assert.Equal(ExportStates.Running, (await b.ReadAsync(id))!.State);
        Assert.False(await b.ProgressAsync(id, 600, 1000, CancellationToken.None), "only the claiming node moves its export on");

        // Node A stops renewing (killed): once its claim has run out, node B fails the export for its owner to ask again.
        clock.Advance(TimeSpan.FromSeconds(1));
        await b.FailAbandonedAsync(CancellationToken.None);
        var failed = (await b.ReadAsync(id))!;
        Assert.Equal(ExportStates.Failed, failed.State);
        Assert.Equal("the portal stopped while it was being written.", failed.Error);
        Assert.Equal(500, failed.RowsDone);

        // Node A, come back, can neither move it on nor finish it: the failure its owner has seen stands.
        Assert.False(await a.ProgressAsync(id, 1000, 1000, CancellationToken.None));
        Assert.False(await a.FinishAsync(id, "/nowhere/export.csv", 1000, CancellationToken.None));
        Assert.Equal(ExportStates.Failed, (await a.ReadAsync(id))!.State);
    }
}
