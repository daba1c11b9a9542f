using Dapper;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Infrastructure.Email;

/// <summary>The outbox sender's bookkeeping: which emails are due, and what became of each attempt.</summary>
public sealed class OutboxRows(Database database, TimeProvider clock)
{
    public const int BatchSize = 20;

    private const int MaxErrorLength = 500;

    public async Task<List<PendingEmail>> DueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PendingEmail>(new CommandDefinition(
            """
            SELECT id AS Id, purpose AS Purpose, to_address AS ToAddress, subject AS Subject,
                   text_body AS TextBody, html_body AS HtmlBody, created_at AS CreatedAt, attempts AS Attempts
              FROM outbox_message
             WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @now
             ORDER BY id
             LIMIT @BatchSize
            """,
            new { now = clock.GetUtcNow(), BatchSize },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    // Database writes after a send use no cancellation token: a shutdown must not lose the record of what was sent.
    public async Task MarkSentAsync(long id)
    {
        await using var connection = await database.OpenForWriteAsync(CancellationToken.None);
        await using var transaction = await connection.BeginWriteAsync();
        await connection.ExecuteAsync(
            "UPDATE outbox_message SET sent_at = @now WHERE id = @id",
            new { id, now = clock.GetUtcNow() },
            transaction);
        await transaction.CommitAsync(CancellationToken.None);
    }

    public async Task<DateTimeOffset> RecordRetryAsync(PendingEmail email, string error)
    {
        var now = clock.GetUtcNow();
        var next = now + OutboxBackoff.After(email.Attempts + 1);
        await using var connection = await database.OpenForWriteAsync(CancellationToken.None);
        await using var transaction = await connection.BeginWriteAsync();
        await connection.ExecuteAsync(
            """
            UPDATE outbox_message SET attempts = attempts + 1, last_error = @error, next_attempt_at = @next
             WHERE id = @id AND sent_at IS NULL
            """,
            new { id = email.Id, error = Shorten(error), next },
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
            UPDATE outbox_message SET attempts = attempts + 1, last_error = @error, failed_at = @now
             WHERE id = @id AND sent_at IS NULL
            """,
            new { id = email.Id, error = Shorten(error), now = clock.GetUtcNow() },
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
}
