using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Moderation;

public sealed record Redaction(long Id, string Passage, string Reason, string RedactedBy, DateTimeOffset RedactedAt, string? RemovedBy, DateTimeOffset? RemovedAt)
{
    public bool InForce => RemovedAt is null;
}

/// <summary>A submission's moderation as staff read it: its state, who moderated it and when, and every redaction ever made.</summary>
public sealed record ModerationRecord(
    string State, string? WithheldReason, string? WithheldNote, string? ModeratedBy, DateTimeOffset? ModeratedAt, long Version,
    IReadOnlyList<Redaction> Redactions);

/// <summary>What a change to moderation came to: saved, refused with what to fix by field, or overtaken by someone else's.</summary>
public sealed record ModerationChange(IReadOnlyDictionary<string, string> Errors, bool Conflict = false)
{
    public static readonly ModerationChange Saved = new(new Dictionary<string, string>());

    public bool IsSaved => Errors.Count == 0 && !Conflict;

    public static ModerationChange Refused(string field, string message) => new(new Dictionary<string, string> { [field] = message });
}

/// <summary>
/// Moderation writes: publishing a submission as its respondent agreed, withholding it, and redacting passages. Each
/// change and its audit entry commit together, and the published copy is made again in the same transaction whenever
/// what it is made from changes, so the public never reads a copy older than its redactions.
/// </summary>
public sealed class ModerationStore(Database database, UserText userText, TimeProvider clock)
{
    public const string PublishAction = "moderation.publish";
    public const string WithholdAction = "moderation.withhold";
    public const string RedactAction = "moderation.redact";
    public const string UnredactAction = "moderation.unredact";

    public async Task<ModerationRecord> ReadAsync(long submissionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, submissionId);
    }

    /// <summary>Publishes it as its respondent agreed: named or anonymous. Refused when they asked not to be published.</summary>
    public Task<ModerationChange> PublishAsync(long submissionId, long expectedVersion, string actor, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(submissionId, expectedVersion, actor, ModerationState.Published, null, null, cancellationToken);

    public Task<ModerationChange> WithholdAsync(
        long submissionId, long expectedVersion, string? reason, string? note, string actor, CancellationToken cancellationToken = default)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return ModerationRules.WithholdError(reason, note) is { } error
            ? Task.FromResult(ModerationChange.Refused(error.Field, error.Message))
            : ChangeStateAsync(submissionId, expectedVersion, actor, ModerationState.Withheld, reason, note, cancellationToken);
    }

    public async Task<ModerationChange> RedactAsync(long submissionId, string? passage, string? reason, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        reason = reason?.Trim();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var texts = await TextsAsync(connection, transaction, submissionId);
        var inForce = (await ReadAsync(connection, transaction, submissionId)).Redactions.Where(r => r.InForce).Select(r => r.Passage).ToList();
        if (ModerationRules.RedactionErrors(passage, reason, texts.All, inForce) is { Count: > 0 } errors)
        {
            return new ModerationChange(errors);
        }

        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(
            "INSERT INTO redaction (submission_id, passage, reason, redacted_by, redacted_at) VALUES (@submissionId, @passage, @reason, @actor, @now)",
            new { submissionId, passage, reason, actor, now }, transaction);
        await RefreshCopyAsync(connection, transaction, submissionId, texts, [.. inForce, passage!]);
        await Audit.WriteAsync(connection, transaction, now, actor, RedactAction, Subject(submissionId), null, new { passage, reason });
        await transaction.CommitAsync(cancellationToken);
        return ModerationChange.Saved;
    }

    public async Task<ModerationChange> RemoveRedactionAsync(long submissionId, long redactionId, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var redactions = (await ReadAsync(connection, transaction, submissionId)).Redactions;
        if (redactions.FirstOrDefault(r => r.Id == redactionId) is not { InForce: true } removed)
        {
            return new ModerationChange(new Dictionary<string, string>(), Conflict: true);
        }

        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(
            "UPDATE redaction SET removed_by = @actor, removed_at = @now WHERE id = @redactionId AND removed_at IS NULL",
            new { actor, now, redactionId }, transaction);
        var texts = await TextsAsync(connection, transaction, submissionId);
        await RefreshCopyAsync(connection, transaction, submissionId, texts, [.. redactions.Where(r => r.InForce && r.Id != redactionId).Select(r => r.Passage)]);
        await Audit.WriteAsync(connection, transaction, now, actor, UnredactAction, Subject(submissionId), new { removed.Passage, removed.Reason }, null);
        await transaction.CommitAsync(cancellationToken);
        return ModerationChange.Saved;
    }

    private async Task<ModerationChange> ChangeStateAsync(
        long submissionId, long expectedVersion, string actor, string state, string? reason, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var before = await ReadAsync(connection, transaction, submissionId);
        if (before.Version != expectedVersion)
        {
            return new ModerationChange(new Dictionary<string, string>(), Conflict: true);
        }

        var texts = await TextsAsync(connection, transaction, submissionId);
        if (state == ModerationState.Published && texts.Consent == "none")
        {
            return ModerationChange.Refused(
                ModerationRules.Decision, "The respondent asked us not to publish this, so it cannot be published. Withhold it, or leave it unpublished");
        }

        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(
            """
            INSERT INTO moderation (submission_id, state, withheld_reason, withheld_note, published_body_text, published_body_html, moderated_by, moderated_at, version)
            VALUES (@submissionId, @state, @reason, @note, @placeholder, @placeholder, @actor, @now, @version)
            ON CONFLICT (submission_id) DO UPDATE SET
                state = excluded.state, withheld_reason = excluded.withheld_reason, withheld_note = excluded.withheld_note,
                published_title = NULL, published_body_text = excluded.published_body_text, published_body_html = excluded.published_body_html,
                published_reason_text = NULL, published_reason_html = NULL, published_evidence_links = NULL,
                moderated_by = excluded.moderated_by, moderated_at = excluded.moderated_at, version = excluded.version
            """,
            new { submissionId, state, reason, note, placeholder = state == ModerationState.Published ? "" : null, actor, now, version = expectedVersion + 1 },
            transaction);
        await RefreshCopyAsync(connection, transaction, submissionId, texts, [.. before.Redactions.Where(r => r.InForce).Select(r => r.Passage)]);
        await Audit.WriteAsync(
            connection, transaction, now, actor, state == ModerationState.Published ? PublishAction : WithholdAction, Subject(submissionId),
            before.ModeratedBy is null ? null : new { before.State, before.WithheldReason, before.WithheldNote },
            new { State = state, WithheldReason = reason, WithheldNote = note });
        await transaction.CommitAsync(cancellationToken);
        return ModerationChange.Saved;
    }

    /// <summary>Makes the published copy again from the texts and the passages in force, when the submission is published.</summary>
    private Task<int> RefreshCopyAsync(DbConnection connection, DbTransaction transaction, long submissionId, SubmissionTexts texts, IReadOnlyCollection<string> passages)
    {
        var body = RedactedText.Apply(texts.Body, passages)!;
        var reason = RedactedText.Apply(texts.Reason, passages);
        return connection.ExecuteAsync(
            """
            UPDATE moderation
               SET published_title = @title, published_body_text = @body, published_body_html = @bodyHtml,
                   published_reason_text = @reason, published_reason_html = @reasonHtml, published_evidence_links = @links
             WHERE submission_id = @submissionId AND state = 'published'
            """,
            new
            {
                submissionId,
                title = RedactedText.Apply(texts.Title, passages),
                body,
                bodyHtml = userText.ToSafeHtml(body),
                reason,
                reasonHtml = reason is null ? null : userText.ToSafeHtml(reason),
                links = RedactedText.Apply(texts.EvidenceLinks, passages),
            },
            transaction);
    }

    private static async Task<SubmissionTexts> TextsAsync(DbConnection connection, DbTransaction transaction, long submissionId) =>
        await connection.QuerySingleAsync<SubmissionTexts>(
            """
            SELECT title AS Title, body_text AS Body, reason_text AS Reason, evidence_links AS EvidenceLinks, publication_consent AS Consent
              FROM submission WHERE id = @submissionId
            """,
            new { submissionId }, transaction);

    private static async Task<ModerationRecord> ReadAsync(DbConnection connection, DbTransaction? transaction, long submissionId)
    {
        using var results = await connection.QueryMultipleAsync(
            """
            SELECT m.state AS State, m.withheld_reason AS WithheldReason, m.withheld_note AS WithheldNote,
                   m.moderated_by AS ModeratedBy, m.moderated_at AS ModeratedAt, coalesce(m.version, 0) AS Version,
                   s.publication_consent AS Consent
              FROM submission s LEFT JOIN moderation m ON m.submission_id = s.id
             WHERE s.id = @submissionId;
            SELECT id AS Id, passage AS Passage, reason AS Reason, redacted_by AS RedactedBy, redacted_at AS RedactedAt,
                   removed_by AS RemovedBy, removed_at AS RemovedAt
              FROM redaction WHERE submission_id = @submissionId ORDER BY id;
            """,
            new { submissionId }, transaction);
        var row = await results.ReadSingleAsync<StateRow>();
        var redactions = (await results.ReadAsync<RedactionRow>())
            .Select(r => new Redaction(r.Id, r.Passage, r.Reason, r.RedactedBy, r.RedactedAt, r.RemovedBy, r.RemovedAt)).ToList();
        return new ModerationRecord(
            ModerationState.Of(row.State, row.Consent), row.WithheldReason, row.WithheldNote, row.ModeratedBy, row.ModeratedAt, row.Version, redactions);
    }

    private static string Subject(long submissionId) => $"submission:{SubmissionReference.Format(submissionId)}";

    private sealed class SubmissionTexts
    {
        public string? Title { get; init; }

        public string Body { get; init; } = "";

        public string? Reason { get; init; }

        public string? EvidenceLinks { get; init; }

        public string Consent { get; init; } = "";

        public string?[] All => [Title, Body, Reason, EvidenceLinks];
    }

    private sealed class StateRow
    {
        public string? State { get; init; }

        public string? WithheldReason { get; init; }

        public string? WithheldNote { get; init; }

        public string? ModeratedBy { get; init; }

        public DateTimeOffset? ModeratedAt { get; init; }

        public long Version { get; init; }

        public string Consent { get; init; } = "";
    }

    private sealed class RedactionRow
    {
        public long Id { get; init; }

        public string Passage { get; init; } = "";

        public string Reason { get; init; } = "";

        public string RedactedBy { get; init; } = "";

        public DateTimeOffset RedactedAt { get; init; }

        public string? RemovedBy { get; init; }

        public DateTimeOffset? RemovedAt { get; init; }
    }
}
