using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Retention;

/// <summary>
/// What went of one submission's personal data: the respondent's fields that held it, and how many copies of it in
/// other tables. It names what was removed, never the data, so that it can go into audit_log as it is.
/// </summary>
public sealed record PersonalDataRemoved(
    long SubmissionId, IReadOnlyList<string> Fields, int Emails, int ConfirmationLinks, int IdempotencyKeys, int Drafts, int DataRequests, int Attachments, bool Text)
{
    public string Reference => SubmissionReference.Format(SubmissionId);

    /// <summary>The audit entry's "before": which of the respondent's fields held personal data.</summary>
    public object AuditBefore => new { held = Fields };

    /// <summary>The audit entry's "after": what was removed, as names and counts.</summary>
    public object AuditAfter => new
    {
        removed = Fields,
        emails = Emails,
        confirmationLinks = ConfirmationLinks,
        idempotencyKeys = IdempotencyKeys,
        drafts = Drafts,
        dataRequests = DataRequests,
        attachments = Attachments,
        text = Text,
    };
}

/// <summary>
/// Removes respondents' personal data from submissions, inside the caller's write transaction: retention does it a
/// year after a round concludes, and a respondent's erasure request does it at once (with the text too). Each
/// submission is done wholly or, with the caller's transaction, not at all, and never twice: a submission already
/// without its personal data (and, for an erasure, its text) is left alone and not returned, so two nodes removing the
/// same submissions at once remove and report each once.
/// </summary>
public sealed class PersonalDataRemoval
{
    /// <summary>What an erased text, title, reason and redacted passage read afterwards, on every page that shows them.</summary>
    public const string ErasedText = "Removed at the respondent’s request.";

    public const string ErasedHtml = "<p>Removed at the respondent’s request.</p>";

    /// <summary>The names of the respondent's fields, as the audit entry gives them.</summary>
    public static readonly IReadOnlyList<string> IndividualFields = ["respondent_name", "respondent_email"];

    public static readonly IReadOnlyList<string> OrganisationFields = ["respondent_name", "respondent_email", "organisation_name"];

    /// <summary>Removes the personal data of those of <paramref name="submissionIds"/> still holding it; returns what went of each.</summary>
    /// <param name="connection">The caller's write connection.</param>
    /// <param name="transaction">The caller's write transaction: nothing is removed unless it commits.</param>
    /// <param name="submissionIds">The submissions; those already without it are left out of the answer.</param>
    /// <param name="now">When: personal_data_removed_at.</param>
    /// <param name="eraseText">
    /// Also replace what they wrote (text, title, reason, evidence links, and the published copy and redacted passages
    /// of it) with <see cref="ErasedText"/>: an erasure request. Retention keeps the text for the published record.
    /// </param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    public async Task<IReadOnlyList<PersonalDataRemoved>> RemoveAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> submissionIds, DateTimeOffset now, bool eraseText,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(submissionIds);
        if (submissionIds.Count == 0)
        {
            return [];
        }

        var ids = submissionIds.Distinct().ToArray();
        var pending = (await connection.QueryAsync<Pending>(Command(
            $"""
            SELECT id AS Id, CASE WHEN personal_data_removed_at IS NULL THEN 1 ELSE 0 END AS Held,
                   CASE WHEN organisation_name IS NULL THEN 0 ELSE 1 END AS Organisation
              FROM submission
             WHERE id {connection.InList("ids")} AND (personal_data_removed_at IS NULL {(eraseText ? "OR body_text <> @erased" : "")})
             ORDER BY id
            """,
            new { ids, erased = ErasedText }, transaction, cancellationToken))).ToList();
        if (pending.Count == 0)
        {
            return [];
        }

        var done = pending.Select(p => p.Id).ToArray();
        var parameters = new { done, now, erased = ErasedText, erasedHtml = ErasedHtml };
        // '' rather than NULL keeps the table's NOT NULL and CHECK rules; personal_data_removed_at is what readers go by.
        // The full-text index follows by the table's update trigger, on both databases.
        await connection.ExecuteAsync(Command(
            $"""
            UPDATE submission
               SET respondent_name = '', respondent_email = '',
                   organisation_name = CASE WHEN organisation_name IS NULL THEN NULL ELSE '' END,
                   attachment_text = NULL,
                   personal_data_removed_at = coalesce(personal_data_removed_at, @now)
                   {(eraseText ? EraseSubmissionText : "")}
             WHERE id {connection.InList("done")}
            """,
            parameters, transaction, cancellationToken));
        if (eraseText)
        {
            await ErasePublishedTextAsync(connection, transaction, done, cancellationToken);
        }

        var emails = await CountBySubmissionAsync(connection, transaction, parameters, cancellationToken, EmailsSent(connection), EmailsUnsent(connection));
        var links = await CountBySubmissionAsync(
            connection, transaction, parameters, cancellationToken,
            $"DELETE FROM email_confirmation WHERE submission_id {connection.InList("done")} RETURNING submission_id");
        var keys = await CountBySubmissionAsync(
            connection, transaction, parameters, cancellationToken,
            $"DELETE FROM idempotency_key WHERE submission_id {connection.InList("done")} RETURNING submission_id");
        // The sent draft kept for the browser that sent it holds every answer, name and email included.
        var drafts = await CountBySubmissionAsync(
            connection, transaction, parameters, cancellationToken,
            $"DELETE FROM submission_draft WHERE sent_submission_id {connection.InList("done")} RETURNING sent_submission_id");

        // An answered correction or erasure request keeps when it came and how it was answered; the address it came
        // from and what it said go. One still open is left for the secretariat to answer.
        var requests = await CountBySubmissionAsync(
            connection, transaction, parameters, cancellationToken,
            $"""
            UPDATE data_request SET email = '', details = ''
             WHERE submission_id {connection.InList("done")} AND closed_at IS NOT NULL AND (email <> '' OR details <> '')
            RETURNING submission_id
            """);

        // A respondent's documents are theirs to have removed, and their words are in submission.attachment_text (emptied above).
        var attachments = await CountBySubmissionAsync(
            connection, transaction, parameters, cancellationToken,
            $"DELETE FROM submission_attachment WHERE submission_id {connection.InList("done")} RETURNING submission_id");

        // audit_log keeps nothing of the respondent to remove: no submission action copies the name, email address or
        // organisation into its entry (the respondent's own acts are the submission's timestamps, not audit entries);
        // entries name the submission by its reference and staff by theirs.
        return [.. pending.Select(p => new PersonalDataRemoved(
            p.Id,
            p.Held == 0 ? [] : p.Organisation == 1 ? OrganisationFields : IndividualFields,
            emails.GetValueOrDefault(p.Id),
            links.GetValueOrDefault(p.Id),
            keys.GetValueOrDefault(p.Id),
            drafts.GetValueOrDefault(p.Id),
            requests.GetValueOrDefault(p.Id),
            attachments.GetValueOrDefault(p.Id),
            eraseText))];
    }

    private const string EraseSubmissionText =
        """
        , title = CASE WHEN title IS NULL THEN NULL ELSE @erased END,
          body_text = @erased, body_html = @erasedHtml,
          reason_text = CASE WHEN reason_text IS NULL THEN NULL ELSE @erased END,
          reason_html = CASE WHEN reason_html IS NULL THEN NULL ELSE @erasedHtml END,
          evidence_links = NULL
        """;

    /// <summary>
    /// Emails sent or refused for good are kept as a record that they went (a release's progress counts them), with
    /// their address, subject, words and last error emptied; emails not yet sent are withdrawn: a copy of the
    /// respondent's details must not go out after they are removed.
    /// </summary>
    private static string EmailsSent(DbConnection connection) =>
        $"""
        UPDATE outbox_message SET to_address = '', subject = '', text_body = '', html_body = NULL, last_error = NULL
         WHERE submission_id {connection.InList("done")} AND (sent_at IS NOT NULL OR failed_at IS NOT NULL)
           AND (to_address <> '' OR text_body <> '')
        RETURNING submission_id
        """;

    private static string EmailsUnsent(DbConnection connection) =>
        $"DELETE FROM outbox_message WHERE submission_id {connection.InList("done")} AND sent_at IS NULL AND failed_at IS NULL RETURNING submission_id";

    /// <summary>The published copy and the redacted passages are copies of the text: an erasure reaches them too.</summary>
    private static async Task ErasePublishedTextAsync(DbConnection connection, DbTransaction transaction, long[] done, CancellationToken cancellationToken)
    {
        var parameters = new { done, erased = ErasedText, erasedHtml = ErasedHtml };
        await connection.ExecuteAsync(Command(
            $"""
            UPDATE moderation
               SET published_title = CASE WHEN published_title IS NULL THEN NULL ELSE @erased END,
                   published_body_text = CASE WHEN published_body_text IS NULL THEN NULL ELSE @erased END,
                   published_body_html = CASE WHEN published_body_html IS NULL THEN NULL ELSE @erasedHtml END,
                   published_reason_text = CASE WHEN published_reason_text IS NULL THEN NULL ELSE @erased END,
                   published_reason_html = CASE WHEN published_reason_html IS NULL THEN NULL ELSE @erasedHtml END,
                   published_evidence_links = NULL
             WHERE submission_id {connection.InList("done")}
            """,
            parameters, transaction, cancellationToken));
        await connection.ExecuteAsync(Command(
            $"UPDATE redaction SET passage = @erased WHERE submission_id {connection.InList("done")}", parameters, transaction, cancellationToken));
        await RedactionAudit.EraseAsync(connection, transaction, done, ErasedText, cancellationToken);
    }

    private static async Task<Dictionary<long, int>> CountBySubmissionAsync(
        DbConnection connection, DbTransaction transaction, object parameters, CancellationToken cancellationToken, params string[] statements)
    {
        var counts = new Dictionary<long, int>();
        foreach (var sql in statements)
        {
            foreach (var id in await connection.QueryAsync<long>(Command(sql, parameters, transaction, cancellationToken)))
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }

        return counts;
    }

    private static CommandDefinition Command(string sql, object parameters, DbTransaction transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    private sealed class Pending
    {
        public long Id { get; init; }

        public long Held { get; init; }

        public long Organisation { get; init; }
    }
}
