using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Nodes;

/// <summary>
/// Two portal nodes behind one database, as several would run in production: separate hosts (their own memory, caches,
/// rate limiters and outbox senders) that share only what the database holds. Node A makes the database; node B is
/// started on it afterwards, so that each test can set both up before either serves.
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    public TwoNodes(PortalFactory a, Action<PortalFactory>? configureB = null, bool bOnRealKestrel = false)
    {
        A = a;
        // A starts first: it migrates the database and makes the data-protection key that B then reads.
        A.CreateClient().Dispose();
        B = new PortalFactory(A.ConnectionString, bOnRealKestrel);
        configureB?.Invoke(B);
        if (bOnRealKestrel)
        {
            B.StartServer();
        }
        else
        {
            B.CreateClient().Dispose();
        }
    }

    public PortalFactory A { get; }

    public PortalFactory B { get; }

    public async ValueTask DisposeAsync()
    {
        // B first: A's disposal removes the database (on PostgreSQL) that B is still connected to.
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}

public static class NodeMail
{
    /// <summary>Queues the emails in one transaction through the node's own outbox and wakes that node's sender.</summary>
    public static async Task QueueAsync(PortalFactory node, IEnumerable<OutgoingEmail> emails)
    {
        var outbox = node.Services.GetRequiredService<Outbox>();
        var clock = node.Services.GetRequiredService<TimeProvider>();
        await using (var connection = node.OpenDatabase())
        await using (var transaction = connection.BeginWrite())
        {
            await outbox.AddAsync(connection, transaction, emails, clock.GetUtcNow());
            await transaction.CommitAsync();
        }

        outbox.Committed();
    }

    public static OutgoingEmail Message(string subject) => new("test", "reader@example.org", subject, $"{subject}.", null, null);
}
