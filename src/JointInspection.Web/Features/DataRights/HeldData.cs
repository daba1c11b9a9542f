using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Submissions.Status;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.DataRights;

/// <summary>
/// Everything the portal holds about a respondent in one submission (UK GDPR Article 15): their answers and details,
/// where it has got to, the decision released to them, whether it is published, the emails sent to them and their
/// requests about it. Shown on the "your data" page and given as JSON and as a readable HTML file, from the same record.
/// </summary>
public sealed record HeldData(
    string Reference,
    string Kind,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? EmailConfirmedAt,
    string Status,
    IReadOnlyList<HeldAnswer> Answers,
    IReadOnlyList<HeldAnswer> Texts,
    IReadOnlyList<HeldDocument> Documents,
    HeldDecision? Decision,
    string Publication,
    IReadOnlyList<HeldEmail> EmailsSentToYou,
    IReadOnlyList<HeldRequest> Requests);

public sealed record HeldAnswer(string Question, string Answer);

/// <summary>A file attached to the submission: named here, not copied (the respondent has it).</summary>
public sealed record HeldDocument(string FileName, string ContentType, long Bytes);

public sealed record HeldDecision(string Decision, string Reasons, DateTimeOffset DecidedOn);

public sealed record HeldEmail(string Subject, DateTimeOffset QueuedAt, DateTimeOffset? SentAt);

public sealed record HeldRequest(string Kind, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, DateTimeOffset? ClosedAt, string? Outcome);

public sealed class HeldDataReader(Database database)
{
    public async Task<HeldData> ReadAsync(RespondentView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var submission = view.Submission;
        await using var connection = await database.OpenAsync(cancellationToken);
        var emails = await connection.QueryAsync<EmailRow>(
            """
            SELECT subject AS Subject, created_at AS QueuedAt, sent_at AS SentAt
              FROM outbox_message WHERE submission_id = @Id ORDER BY id
            """,
            new { submission.Id });
        var documents = await connection.QueryAsync<HeldDocument>(
            "SELECT file_name AS FileName, content_type AS ContentType, byte_size AS Bytes FROM submission_attachment WHERE submission_id = @Id ORDER BY id",
            new { submission.Id });
        var requests = await connection.QueryAsync<RequestRow>(
            """
            SELECT kind AS Kind, received_at AS ReceivedAt, due_at AS DueAt, closed_at AS ClosedAt, outcome AS Outcome
              FROM data_request WHERE submission_id = @Id ORDER BY id
            """,
            new { submission.Id });
        return new HeldData(
            submission.Reference,
            submission.Answers.Kind ?? "",
            submission.ReceivedAt,
            submission.EmailConfirmedAt,
            SubmissionStatus.Label(view.Status),
            view.Rows.Select(r => new HeldAnswer(r.Label, r.Value)).ToList(),
            SubmissionSummary.LongTexts(submission.Answers).Select(t => new HeldAnswer(t.Heading, t.Text ?? "")).ToList(),
            documents.ToList(),
            view.Decision is { } d ? new HeldDecision(DecisionEmails.InPlainWords(d), d.Rationale, d.DecidedAt) : null,
            view.Publication,
            emails.Select(e => new HeldEmail(e.Subject, e.QueuedAt, e.SentAt)).ToList(),
            requests.Select(r => new HeldRequest(r.Kind, r.ReceivedAt, r.DueAt, r.ClosedAt, r.Outcome)).ToList());
    }

    private sealed class EmailRow
    {
        public string Subject { get; set; } = "";

        public DateTimeOffset QueuedAt { get; set; }

        public DateTimeOffset? SentAt { get; set; }
    }

    private sealed class RequestRow
    {
        public string Kind { get; set; } = "";

        public DateTimeOffset ReceivedAt { get; set; }

        public DateTimeOffset DueAt { get; set; }

        public DateTimeOffset? ClosedAt { get; set; }

        public string? Outcome { get; set; }
    }
}
