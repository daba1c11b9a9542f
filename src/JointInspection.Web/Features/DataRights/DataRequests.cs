using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;

namespace JointInspection.Web.Features.DataRights;

/// <summary>A respondent's request about their data, and how it was closed.</summary>
public sealed record DataRequest(
    long Id, string Kind, long SubmissionId, string Email, string Details, DateTimeOffset ReceivedAt, DateTimeOffset DueAt,
    DateTimeOffset? ClosedAt, string? ClosedBy, string? Outcome, string? ClosingNote)
{
    public string Reference => SubmissionReference.Format(SubmissionId);

    public bool IsOpen => ClosedAt is null;
}

/// <summary>
/// Corrections and erasures asked for from a submission's status page (UK GDPR Articles 16 and 17). Asking is
/// acknowledged by email at once and audited on the submission's timeline; the secretariat answers within one calendar
/// month (<see cref="DueFrom"/>). Asking again while a request of the same kind is open adds nothing.
/// </summary>
public sealed class DataRequests(Database database, TimeProvider clock, Outbox outbox)
{
    public const string Correction = "correction";
    public const string Erasure = "erasure";

    /// <summary>Actor of the audit rows a respondent's own request writes: they are not signed in.</summary>
    public const string RespondentActor = "respondent";

    public const int DetailsMax = 2000;

    private const string Columns =
        """
        id AS Id, kind AS Kind, submission_id AS SubmissionId, email AS Email, details AS Details, received_at AS ReceivedAt,
        due_at AS DueAt, closed_at AS ClosedAt, closed_by AS ClosedBy, outcome AS Outcome, closing_note AS ClosingNote
        """;

    /// <summary>One calendar month from receipt, as the ICO counts it.</summary>
    public static DateTimeOffset DueFrom(DateTimeOffset receivedAt) => UkTime.FromUk(UkTime.ToUk(receivedAt).DateTime.AddMonths(1));

    /// <summary>Records the request and acknowledges it; an open request of the same kind is returned instead, unchanged.</summary>
    public async Task<(DataRequest Request, bool AlreadyOpen)> AskAsync(long submissionId, string kind, string details, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        if (await OpenAsync(connection, transaction, submissionId, kind) is { } open)
        {
            return (open, true);
        }

        var email = await connection.QuerySingleAsync<string>("SELECT respondent_email FROM submission WHERE id = @submissionId", new { submissionId }, transaction);
        var dueAt = DueFrom(now);
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO data_request (kind, submission_id, email, details, received_at, due_at)
            VALUES (@kind, @submissionId, @email, @details, @now, @dueAt)
            RETURNING id
            """,
            new { kind, submissionId, email, details, now, dueAt },
            transaction);
        var reference = SubmissionReference.Format(submissionId);
        await Audit.WriteAsync(connection, transaction, now, RespondentActor, $"data-request.{kind}", reference, null, new { request = id, dueAt });
        await outbox.AddAsync(connection, transaction, DataRightsEmails.Acknowledgement(submissionId, reference, email, kind, details, dueAt), now);
        await transaction.CommitAsync(cancellationToken);
        outbox.Committed();
        return ((await ReadAsync(id, cancellationToken))!, false);
    }

    public async Task<DataRequest?> ReadAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM data_request WHERE id = @id", new { id }))?.ToRequest();
    }

    /// <summary>Open requests, soonest due first; then the latest closed ones.</summary>
    public async Task<IReadOnlyList<DataRequest>> ListAsync(bool open, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = open
            ? $"SELECT {Columns} FROM data_request WHERE closed_at IS NULL ORDER BY due_at, id"
            : $"SELECT {Columns} FROM data_request WHERE closed_at IS NOT NULL ORDER BY closed_at DESC, id DESC LIMIT 200";
        return [.. (await connection.QueryAsync<Row>(sql)).Select(r => r.ToRequest())];
    }

    /// <summary>Closes an open correction request with a reply emailed to the respondent; false when it was already closed.</summary>
    public async Task<bool> ReplyAsync(long id, string staff, string reply, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var request = await CloseAsync(connection, transaction, id, Correction, staff, "corrected", reply, now);
        if (request is null)
        {
            return false;
        }

        await Audit.WriteAsync(connection, transaction, now, staff, "data-request.reply", request.Reference, null, new { request = id });
        await outbox.AddAsync(connection, transaction, DataRightsEmails.CorrectionReply(request.SubmissionId, request.Reference, request.Email, reply), now);
        await transaction.CommitAsync(cancellationToken);
        outbox.Committed();
        return true;
    }

    /// <summary>Marks the open request of <paramref name="kind"/> closed, within the caller's write; null when it is not open.</summary>
    internal static async Task<DataRequest?> CloseAsync(
        DbConnection connection, DbTransaction transaction, long id, string kind, string staff, string outcome, string? note, DateTimeOffset now) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(
            $"""
            UPDATE data_request SET closed_at = @now, closed_by = @staff, outcome = @outcome, closing_note = @note
             WHERE id = @id AND kind = @kind AND closed_at IS NULL
            RETURNING {Columns}
            """,
            new { id, kind, staff, outcome, note, now },
            transaction))?.ToRequest();

    private static async Task<DataRequest?> OpenAsync(DbConnection connection, DbTransaction transaction, long submissionId, string kind) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM data_request WHERE submission_id = @submissionId AND kind = @kind AND closed_at IS NULL",
            new { submissionId, kind },
            transaction))?.ToRequest();

    // Settable properties: Dapper reads dates through the portal's type handlers only into properties.
    private sealed class Row
    {
        public long Id { get; set; }

        public string Kind { get; set; } = "";

        public long SubmissionId { get; set; }

        public string Email { get; set; } = "";

        public string Details { get; set; } = "";

        public DateTimeOffset ReceivedAt { get; set; }

        public DateTimeOffset DueAt { get; set; }

        public DateTimeOffset? ClosedAt { get; set; }

        public string? ClosedBy { get; set; }

        public string? Outcome { get; set; }

        public string? ClosingNote { get; set; }

        public DataRequest ToRequest() => new(Id, Kind, SubmissionId, Email, Details, ReceivedAt, DueAt, ClosedAt, ClosedBy, Outcome, ClosingNote);
    }
}
