using System.Data;
using Dapper;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace JointInspection.Web.Infrastructure.Email;

/// <summary>
/// The outbox sender's bookkeeping: claiming the emails that are due, and recording what became of each attempt. Every
/// node on the database sends, so an email is claimed before it is sent (<see cref="ClaimDueAsync"/>), and the record
/// of its attempt is written only while this node still holds the claim.
/// </summary>
public sealed class OutboxRows(Database database, TimeProvider clock, IOptionsMonitor<EmailOptions> options, PortalNode node)
{
    public const int BatchSize = 20;

    private const int MaxErrorLength = 500;

    private const string Claimed =
        """
        id AS Id, purpose AS Purpose, to_address AS ToAddress, subject AS Subject, text_body AS TextBody,
        html_body AS HtmlBody, created_at AS CreatedAt, attempts AS Attempts, claimed_until AS ClaimedUntil
        """;

    // Due, and free to take: never claimed, its lease over, or already this node's (left from a round cut short).
    private const string Claimable =
        """
        sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @now
        AND (claimed_until IS NULL OR claimed_until <= @now OR claimed_by = @node)
        """;

    /// <summary>This node's name in claimed_by.</summary>
    public string Node => node.Name;

    /// <summary>
    /// Claims up to <see cref="BatchSize"/> due emails for this node for the lease (Email:ClaimLeaseSeconds) and returns
    /// them, oldest first, in one statement. PostgreSQL: rows another node is claiming at this moment are skipped
    /// rather than waited for, and the claim takes no writers' lock, so senders on several nodes never queue behind
    /// each other or behind the portal's other writes. SQLite has one writer, so there it is an ordinary write.
    /// </summary>
    public async Task<List<PendingEmail>> ClaimDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claim = new { node = Node, now, until = now + options.CurrentValue.ClaimLease, BatchSize };
        IEnumerable<PendingEmail> rows;
        if (database.IsPostgreSql)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            rows = await connection.QueryAsync<PendingEmail>(new CommandDefinition(
                $"""
                UPDATE outbox_message SET claimed_by = @node, claimed_until = @until
                 WHERE id IN (SELECT id FROM outbox_message WHERE {Claimable} ORDER BY id LIMIT @BatchSize FOR UPDATE SKIP LOCKED)
                RETURNING {Claimed}
                """,
                claim,
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await using var connection = await database.OpenForWriteAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            rows = await connection.QueryAsync<PendingEmail>(new CommandDefinition(
                $"""
                UPDATE outbox_message SET claimed_by = @node, claimed_until = @until
                 WHERE id IN (SELECT id FROM outbox_message WHERE {Claimable} ORDER BY id LIMIT @BatchSize)
                RETURNING {Claimed}
                """,
                claim,
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        // RETURNING promises no order.
        return rows.OrderBy(email => email.Id).ToList();
    }

    // Database writes after a send use no cancellation token: a shutdown must not lose the record of what was sent.

    /// <returns>False when this node no longer held the claim: its lease ran out and another node took the email over.</returns>
    public async Task<bool> MarkSentAsync(long id)
    {
        await using var connection = await database.OpenForWriteAsync(CancellationToken.None);
        await using var transaction = await connection.BeginWriteAsync();
        var marked = await connection.ExecuteAsync(
            """
            UPDATE outbox_message SET sent_at = @now, claimed_by = NULL, claimed_until = NULL
             WHERE id = @id AND claimed_by = @node
            """,
            new { id, now = clock.GetUtcNow(), node = Node },
            transaction);
        await transaction.CommitAsync(CancellationToken.None);
        return marked > 0;
    }

    public async Task<DateTimeOffset> RecordRetryAsync(PendingEmail email, string error)
    {
        var now = clock.GetUtcNow();
        var next = now + OutboxBackoff.After(email.Attempts + 1);
        await using var connection = await database.OpenForWriteAsync(CancellationToken.None);
        await using var transaction = await connection.BeginWriteAsync();
        await connection.ExecuteAsync(
            """
            UPDATE outbox_message SET attempts = attempts + 1, last_error = @error, next_attempt_at = @next, claimed_by = NULL, claimed_until = NULL
             WHERE id = @id AND sent_at IS NULL AND claimed_by = @node
            """,
            new { id = email.Id, error = Shorten(error), next, node = Node },
            transaction);
        await transaction.CommitAsync(CancellationToken.None);
        return next;
    }

    public async Task RecordFinalFailureAsync(PendingEmail email, string error)
    {
        await using var connection = await database.OpenForWriteAsync(CancellationToken.None);
        await using var transaction = await connection.BeginWriteAsync();
        await connection.ExecuteAsync(
            """
            UPDATE outbox_message SET attempts = attempts + 1, last_error = @error, failed_at = @now, claimed_by = NULL, claimed_until = NULL
             WHERE id = @id AND sent_at IS NULL AND claimed_by = @node
            """,
            new { id = email.Id, error = Shorten(error), now = clock.GetUtcNow(), node = Node },
            transaction);
        await transaction.CommitAsync(CancellationToken.None);
    }

    private static string Shorten(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}

public sealed class PendingEmail
{
    public long Id { get; init; }

    public string Purpose { get; init; } = "";

    public string ToAddress { get; init; } = "";

    public string Subject { get; init; } = "";

    public string TextBody { get; init; } = "";

    public string? HtmlBody { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public int Attempts { get; init; }

    /// <summary>When this node's claim on it ends; after that another node may send it.</summary>
    public DateTimeOffset ClaimedUntil { get; init; }
}
