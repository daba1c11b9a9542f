using System.Data.Common;
using JointInspection.Tests.Nodes;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Retention;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Retention;

/// <summary>
/// Retention on two nodes behind one database: their passes at once remove each submission's personal data once, with
/// one audit entry each, and two removals of the same submissions at once (as after a lapsed claim) report each once.
/// </summary>
public sealed class RetentionAcrossNodesTests
{
    [Fact]
    public async Task Two_nodes_at_once_remove_each_submission_once_with_one_audit_entry_each()
    {
        var clock = RetentionRound.ClockAYearAgo();
        await using var nodes = new TwoNodes(new PortalFactory { Clock = clock }, b => b.Clock = clock);
        var marker = "n" + Guid.NewGuid().ToString("N")[..8];
        using var client = nodes.A.CreateClient();
        var raced = new List<CreatedSubmission>();
        var due = new List<CreatedSubmission>();
        foreach (var who in new[] { "Ada", "Bo", "Cy" })
        {
            raced.Add(await RetentionRound.SendAsync(client, RetentionRound.Individual(marker, who)));
            due.Add(await RetentionRound.SendAsync(client, RetentionRound.Individual(marker, who + "x")));
        }

        // The removal itself, from both nodes at once on the same submissions: each is removed, and reported, once.
        var ids = raced.Select(s => s.Id).ToList();
        var removedBy = await Task.WhenAll(RemoveAsync(nodes.A, ids), RemoveAsync(nodes.B, ids));
        Assert.Equal(ids.Order(), removedBy.SelectMany(r => r).Order());

        // The daily passes, on both nodes at once: one claims the day and removes the rest; the other leaves it.
        await RetentionRound.ConcludeAsync(nodes.A, raced.Concat(due));
        clock.SetUtcNow(clock.GetUtcNow().AddMonths(12).AddDays(1));
        var passes = await Task.WhenAll(RetentionRound.PassAsync(nodes.A), RetentionRound.PassAsync(nodes.B));
        var ran = Assert.Single(passes, p => p.Ran);
        Assert.Equal(due.Count, ran.Removed);

        await using var connection = nodes.A.OpenDatabase();
        foreach (var submission in due)
        {
            Assert.Equal(1, RetentionRound.RemovalAudits(connection, submission));
        }

        // Those removed before were not removed, nor audited, again.
        Assert.All(raced, submission => Assert.Equal(0, RetentionRound.RemovalAudits(connection, submission)));
    }

    private static async Task<IReadOnlyList<long>> RemoveAsync(PortalFactory node, IReadOnlyCollection<long> ids)
    {
        var database = node.Services.GetRequiredService<Database>();
        var removal = node.Services.GetRequiredService<PersonalDataRemoval>();
        var now = node.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using DbConnection connection = await database.OpenForWriteAsync();
        await using var transaction = await connection.BeginWriteAsync();
        var removed = await removal.RemoveAsync(connection, transaction, ids, now, eraseText: false, CancellationToken.None);
        await transaction.CommitAsync();
        return [.. removed.Select(r => r.SubmissionId)];
    }
}
