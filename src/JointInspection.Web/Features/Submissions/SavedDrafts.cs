using Dapper;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions.Journeys;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;

namespace JointInspection.Web.Features.Submissions;

public enum ReturnLinkState
{
    Unknown,
    Ready,
    Used,
    Replaced,
    Expired,
    Sent,
}

/// <summary>What a link back to saved answers leads to, as its page explains it.</summary>
public sealed record ReturnLink(ReturnLinkState State, string? DraftId, Journey? Journey, DateTimeOffset? ExpiresAt, string? SentReference);

/// <summary>Where following a link took a person: their draft, and the question page they saved on.</summary>
public sealed record ReturnedDraft(string DraftId, Journey Journey, SubmissionStep Step);

/// <summary>
/// "Save and come back later": a draft saved under an email address, and the single-use links that bring it back on
/// any device. A link is valid for <see cref="LinkLifetime"/>, kept only as its hash, and replaced by the next one
/// sent for its draft. A saved draft is kept until its consultation closes, is reminded of once,
/// <see cref="ReminderBefore"/> the close, with a fresh link, and is never a submission.
/// </summary>
public sealed class SavedDrafts(Database database, TimeProvider clock, Outbox outbox)
{
    public const string LinkPurpose = "saved-draft-link";
    public const string ReminderPurpose = "saved-draft-reminder";

    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(7);

    public static readonly TimeSpan ReminderBefore = TimeSpan.FromDays(3);

    /// <summary>
    /// Saves the draft under <paramref name="email"/> and emails a link back to <paramref name="step"/>; earlier links
    /// for it stop working. Null when there is no unsent draft of that id (sent in another tab, say).
    /// </summary>
    public async Task<DateTimeOffset?> SaveAsync(
        string draftId, string kind, string email, SubmissionStep step, ProgrammeRound round, Uri publicBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(
            """
            UPDATE submission_draft SET saved_email = @email, saved_step = @step, round_id = @roundId, link_base = @linkBase, updated_at = @now
             WHERE id = @draftId AND kind = @kind AND sent_submission_id IS NULL
            """,
            new { draftId, kind, email, step = step.ToString(), roundId = round.Id, linkBase = publicBase.ToString(), now },
            transaction);
        if (updated == 0)
        {
            return null;
        }

        var link = await NewLinkAsync(connection, transaction, draftId, email, now);
        await outbox.AddAsync(
            connection, transaction,
            SavedDraftEmails.Link(email, JourneyOf(kind), PortalPaths.Absolute(publicBase, PortalPaths.SavedAnswers(link.Token)), link.ExpiresAt, round.ClosesAt),
            now);
        await transaction.CommitAsync(cancellationToken);
        outbox.Committed();
        return link.ExpiresAt;
    }

    /// <summary>Where the latest link for this draft went and when it expires, for the "check your email" page.</summary>
    public async Task<(string SentTo, DateTimeOffset ExpiresAt)?> LatestLinkAsync(string draftId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LatestRow>(
            """
            SELECT sent_to AS SentTo, expires_at AS ExpiresAt FROM draft_return_link
             WHERE draft_id = @draftId AND replaced_at IS NULL AND used_at IS NULL
             ORDER BY created_at DESC LIMIT 1
            """,
            new { draftId });
        return row is null ? null : (row.SentTo, row.ExpiresAt);
    }

    public async Task<ReturnLink> CheckAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LinkRow>(
            """
            SELECT l.draft_id AS DraftId, d.kind AS Kind, l.expires_at AS ExpiresAt, l.used_at AS UsedAt, l.replaced_at AS ReplacedAt,
                   d.sent_submission_id AS SentSubmissionId
              FROM draft_return_link l JOIN submission_draft d ON d.id = l.draft_id
             WHERE l.token_hash = @hash
            """,
            new { hash = LinkToken.Hash(token) });
        if (row is null)
        {
            return new ReturnLink(ReturnLinkState.Unknown, null, null, null, null);
        }

        var state = row.SentSubmissionId is not null ? ReturnLinkState.Sent
            : row.UsedAt is not null ? ReturnLinkState.Used
            : row.ReplacedAt is not null ? ReturnLinkState.Replaced
            : row.ExpiresAt <= clock.GetUtcNow() ? ReturnLinkState.Expired
            : ReturnLinkState.Ready;
        var reference = row.SentSubmissionId is { } id ? SubmissionReference.Format(id) : null;
        return new ReturnLink(state, row.DraftId, JourneyOf(row.Kind), row.ExpiresAt, reference);
    }

    /// <summary>Uses the link: only the one request that finds it unused, current and its draft unsent gets the draft.</summary>
    public async Task<ReturnedDraft?> UseAsync(string token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var draftId = await connection.QuerySingleOrDefaultAsync<string>(
            """
            UPDATE draft_return_link SET used_at = @now
             WHERE token_hash = @hash AND used_at IS NULL AND replaced_at IS NULL AND expires_at > @now
            RETURNING draft_id
            """,
            new { hash = LinkToken.Hash(token), now },
            transaction);
        var draft = draftId is null ? null : await connection.QuerySingleOrDefaultAsync<DraftRow>(
            """
            UPDATE submission_draft SET updated_at = @now WHERE id = @draftId AND sent_submission_id IS NULL
            RETURNING kind AS Kind, saved_step AS SavedStep
            """,
            new { draftId, now },
            transaction);
        if (draft is null)
        {
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        var journey = JourneyOf(draft.Kind);
        var step = Enum.TryParse<SubmissionStep>(draft.SavedStep, out var saved) && journey.Steps.Contains(saved) ? saved : journey.Steps[0];
        return new ReturnedDraft(draftId!, journey, step);
    }

    /// <summary>
    /// A fresh link for the draft an old link (used, expired or replaced) belonged to, sent only to the address the draft
    /// was saved under, so that holding an old link shows nothing new. False when the draft has gone or been sent.
    /// </summary>
    public async Task<bool> ResendAsync(string oldToken, Uri publicBase, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var draft = await connection.QuerySingleOrDefaultAsync<DueRow>(
            """
            SELECT d.id AS DraftId, d.kind AS Kind, d.saved_email AS Email, r.closes_at AS ClosesAt
              FROM draft_return_link l JOIN submission_draft d ON d.id = l.draft_id JOIN programme_round r ON r.id = d.round_id
             WHERE l.token_hash = @hash AND d.sent_submission_id IS NULL AND d.saved_email IS NOT NULL
            """,
            new { hash = LinkToken.Hash(oldToken) },
            transaction);
        if (draft is null)
        {
            return false;
        }

        var link = await NewLinkAsync(connection, transaction, draft.DraftId, draft.Email, now);
        await outbox.AddAsync(
            connection, transaction,
            SavedDraftEmails.Link(draft.Email, JourneyOf(draft.Kind), PortalPaths.Absolute(publicBase, PortalPaths.SavedAnswers(link.Token)), link.ExpiresAt, draft.ClosesAt),
            now);
        await transaction.CommitAsync(cancellationToken);
        outbox.Committed();
        return true;
    }

    /// <summary>
    /// Reminds, once each and with a fresh link, everyone whose saved draft's consultation closes within
    /// <see cref="ReminderBefore"/>, and forgets saved drafts whose consultation has closed. Safe on several nodes at
    /// once: a draft is marked reminded in the same write as its email, and only the write that marks it sends it.
    /// </summary>
    public async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            DELETE FROM submission_draft
             WHERE saved_email IS NOT NULL AND round_id IN (SELECT id FROM programme_round WHERE closes_at <= @now)
            """,
            new { now },
            transaction);
        var due = (await connection.QueryAsync<DueRow>(
            """
            UPDATE submission_draft SET reminded_at = @now
             WHERE saved_email IS NOT NULL AND reminded_at IS NULL AND sent_submission_id IS NULL
               AND round_id IN (SELECT id FROM programme_round WHERE closes_at > @now AND closes_at <= @soon)
            RETURNING id AS DraftId, kind AS Kind, saved_email AS Email, link_base AS LinkBase,
                      (SELECT closes_at FROM programme_round r WHERE r.id = round_id) AS ClosesAt
            """,
            new { now, soon = now + ReminderBefore },
            transaction)).ToList();
        foreach (var draft in due)
        {
            var link = await NewLinkAsync(connection, transaction, draft.DraftId, draft.Email, now);
            var address = PortalPaths.Absolute(new Uri(draft.LinkBase), PortalPaths.SavedAnswers(link.Token));
            await outbox.AddAsync(
                connection, transaction, SavedDraftEmails.Reminder(draft.Email, JourneyOf(draft.Kind), address, link.ExpiresAt, draft.ClosesAt), now);
        }

        await transaction.CommitAsync(cancellationToken);
        if (due.Count > 0)
        {
            outbox.Committed();
        }

        return due.Count;
    }

    /// <summary>A new link for the draft, replacing any still unused.</summary>
    private static async Task<(string Token, DateTimeOffset ExpiresAt)> NewLinkAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string draftId, string email, DateTimeOffset now)
    {
        await connection.ExecuteAsync(
            "UPDATE draft_return_link SET replaced_at = @now WHERE draft_id = @draftId AND used_at IS NULL AND replaced_at IS NULL",
            new { draftId, now },
            transaction);
        var token = LinkToken.New();
        var expiresAt = now + LinkLifetime;
        await connection.ExecuteAsync(
            """
            INSERT INTO draft_return_link (token_hash, draft_id, sent_to, created_at, expires_at)
            VALUES (@hash, @draftId, @email, @now, @expiresAt)
            """,
            new { hash = LinkToken.Hash(token), draftId, email, now, expiresAt },
            transaction);
        return (token, expiresAt);
    }

    private static Journey JourneyOf(string kind) => kind == SubmissionKind.Suggestion ? Journey.Suggest : Journey.Respond;

    // Classes with settable properties: Dapper reads dates through the portal's type handlers only into properties.
    private sealed class LatestRow
    {
        public string SentTo { get; set; } = "";

        public DateTimeOffset ExpiresAt { get; set; }
    }

    private sealed class LinkRow
    {
        public string DraftId { get; set; } = "";

        public string Kind { get; set; } = "";

        public DateTimeOffset ExpiresAt { get; set; }

        public DateTimeOffset? UsedAt { get; set; }

        public DateTimeOffset? ReplacedAt { get; set; }

        public long? SentSubmissionId { get; set; }
    }

    private sealed record DraftRow(string Kind, string? SavedStep);

    private sealed class DueRow
    {
        public string DraftId { get; set; } = "";

        public string Kind { get; set; } = "";

        public string Email { get; set; } = "";

        public string LinkBase { get; set; } = "";

        public DateTimeOffset ClosesAt { get; set; }
    }
}
