using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Triage.Notes;

/// <summary>One internal note: who wrote it (their name, or their email address if they are no longer staff) and when.</summary>
public sealed record SubmissionNote(long Id, string Author, string AuthorName, string Text, DateTimeOffset CreatedAt);

/// <summary>What a note may be: something, and no more than fits a working note.</summary>
public static class NoteRules
{
    public const string Field = "note";

    public const int MaxLength = 5000;

    /// <summary>The note as it is stored (trimmed), or why it cannot be.</summary>
    public static (string? Text, string? Error) Check(string? text)
    {
        var trimmed = text?.Trim();
        return trimmed switch
        {
            null or "" => (null, "Enter a note"),
            { Length: > MaxLength } => (null, $"Note must be {MaxLength:N0} characters or fewer: it is {trimmed.Length:N0}"),
            _ => (trimmed, null),
        };
    }
}

/// <summary>
/// The submission_note table. Notes are the staff's alone: they are read only by the triage pages, never by the
/// respondent's status page, the public pages or the API for respondents.
/// </summary>
public sealed class SubmissionNotes(Database database, TimeProvider clock)
{
    public const string AddAction = "note.add";

    public async Task<IReadOnlyList<SubmissionNote>> ListAsync(long submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT n.id AS Id, n.author AS Author, coalesce(m.name, n.author) AS AuthorName, n.text AS Text, n.created_at AS CreatedAt
              FROM submission_note n
              LEFT JOIN staff_member m ON m.email = n.author
             WHERE n.submission_id = @submissionId
             ORDER BY n.id DESC
            """,
            new { submissionId },
            cancellationToken: cancellationToken));
        return rows.Select(r => new SubmissionNote(r.Id, r.Author, r.AuthorName, r.Text, r.CreatedAt)).ToList();
    }

    /// <summary>Adds a note that <see cref="NoteRules.Check"/> has passed, audited in the same transaction.</summary>
    public async Task AddAsync(long submissionId, string text, string author, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var id = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO submission_note (submission_id, author, text, created_at) VALUES (@submissionId, @author, @text, @now) RETURNING id",
            new { submissionId, author, text, now },
            transaction);
        await Audit.WriteAsync(
            connection, transaction, now, author, AddAction, $"submission:{SubmissionReference.Format(submissionId)}", null, new { note = id, text });
        await transaction.CommitAsync(cancellationToken);
    }

    // Settable properties: Dapper applies the portal's DateTimeOffset handler to properties, not constructor parameters.
    private sealed class Row
    {
        public long Id { get; init; }

        public string Author { get; init; } = "";

        public string AuthorName { get; init; } = "";

        public string Text { get; init; } = "";

        public DateTimeOffset CreatedAt { get; init; }
    }
}
