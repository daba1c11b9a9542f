using Dapper;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Feedback;

public sealed record FeedbackItem(long Id, DateTimeOffset ReceivedAt, string Satisfaction, string? Improvement, string? FromPath);

/// <summary>One page of feedback, newest first; Older is the cursor for the next page, and Counts cover all feedback.</summary>
public sealed record FeedbackPage(IReadOnlyList<FeedbackItem> Items, long? Older, IReadOnlyDictionary<string, long> Counts);

/// <summary>The feedback table: written by the public's feedback form, read by staff.</summary>
public sealed class FeedbackStore(Database database, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task AddAsync(FeedbackEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO feedback (received_at, satisfaction, improvement, from_path)
            VALUES (@receivedAt, @Satisfaction, @Improvement, @FromPath)
            """,
            new { receivedAt = clock.GetUtcNow(), entry.Satisfaction, entry.Improvement, entry.FromPath },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Newest first, by keyset on the id (AUTOINCREMENT, so in arrival order and never reused): each page starts below
    /// the last id seen, so a deep page costs what the first does and new feedback never shifts the pages.
    /// </summary>
    public async Task<FeedbackPage> ReadAsync(long? before, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id AS Id, received_at AS ReceivedAt, satisfaction AS Satisfaction, improvement AS Improvement, from_path AS FromPath
              FROM feedback
             WHERE id < @before
             ORDER BY id DESC
             LIMIT @take
            """,
            new { before = before ?? long.MaxValue, take = PageSize + 1 },
            cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(PageSize).Select(r => new FeedbackItem(r.Id, r.ReceivedAt, r.Satisfaction, r.Improvement, r.FromPath)).ToList();

        var counts = FeedbackRules.Satisfactions.ToDictionary(s => s.Code, _ => 0L);
        foreach (var (satisfaction, count) in await connection.QueryAsync<(string, long)>(new CommandDefinition(
            "SELECT satisfaction, count(*) FROM feedback GROUP BY satisfaction", cancellationToken: cancellationToken)))
        {
            counts[satisfaction] = count;
        }

        return new FeedbackPage(items, rows.Count > PageSize ? items[^1].Id : null, counts);
    }

    // Settable properties rather than a constructor, as elsewhere: Dapper's constructor matching is strict about types.
    private sealed class Row
    {
        public long Id { get; init; }

        public DateTimeOffset ReceivedAt { get; init; }

        public string Satisfaction { get; init; } = "";

        public string? Improvement { get; init; }

        public string? FromPath { get; init; }
    }
}
