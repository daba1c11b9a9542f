using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Attachments;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;

namespace JointInspection.Web.Features.Submissions;

public sealed record SavedSubmission(long Id, string Reference, string StatusToken);

/// <summary>
/// Writes a valid submission, its links, its email-confirmation token and its two emails together: all of it is
/// stored, or none of it. Submissions sent at the same moment share one commit (<see cref="GroupCommit{TWork, TResult}"/>).
/// </summary>
public sealed class SubmissionStore : IAsyncDisposable
{
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromDays(7);

    private readonly Outbox outbox;
    private readonly UserText userText;
    private readonly TimeProvider clock;
    private readonly SubmissionIdempotency idempotency;
    private readonly StatusLinks statusLinks;
    private readonly GroupCommit<ReadySubmission, SavedSubmission> commits;

    public SubmissionStore(Database database, Outbox outbox, UserText userText, TimeProvider clock, SubmissionIdempotency idempotency, StatusLinks statusLinks)
    {
        this.statusLinks = statusLinks;
        this.outbox = outbox;
        this.userText = userText;
        this.clock = clock;
        this.idempotency = idempotency;
        commits = new GroupCommit<ReadySubmission, SavedSubmission>(database, WriteAsync, outbox.Committed);
    }

    /// <summary>
    /// Stores the submission and answers with it once committed. With a client's Idempotency-Key (a claim) that has
    /// made a submission already, that one is the answer and nothing is written. A journey's files, held by its draft
    /// (<paramref name="draftId"/>), move to the submission in the same transaction.
    /// </summary>
    public Task<SavedSubmission> SaveAsync(
        SubmissionAnswers answers, Programme.Programme programme, Uri publicBase, IdempotencyClaim? claim,
        bool emailVerified, string? draftId, CancellationToken cancellationToken)
    {
        // Only what its kind asks is stored, so nothing here needs to know which kind asks what.
        var a = SubmissionQuestions.OnlyAsked(answers);
        var bodyHtml = userText.ToSafeHtml(a.Text);
        var reasonHtml = a.Reason is null ? null : userText.ToSafeHtml(a.Reason);
        // Everything that is not writing is done before the submission joins the queue, so the write turn is kept short.
        var ready = new ReadySubmission(
            a, programme, publicBase, clock.GetUtcNow(), LinkToken.New(), LinkToken.New(), bodyHtml, reasonHtml,
            SubmissionSummary.AsText(a, programme), SubmissionSummary.AsHtml(a, programme, bodyHtml, reasonHtml), claim, emailVerified, draftId);
        return commits.WriteAsync(ready, cancellationToken);
    }

    public ValueTask DisposeAsync() => commits.DisposeAsync();

    private async Task<SavedSubmission> WriteAsync(DbConnection connection, DbTransaction transaction, ReadySubmission ready)
    {
        var (a, programme, publicBase, now, statusToken, confirmToken, bodyHtml, reasonHtml, copyText, copyHtml, claim, emailVerified, draftId) = ready;
        // Checked again inside the write, where writes take turns, so that two requests with one key cannot both store.
        if (claim is not null && await idempotency.FindAsync(connection, transaction, claim, now) is { } earlier)
        {
            return earlier;
        }

        var email = a.Email!.Trim();
        var attachmentText = await AttachmentStore.TextOfDraftAsync(connection, transaction, draftId);
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO submission (
                round_id, kind, response_to, area_of_focus_code, workstream_id, stance,
                title, reason_text, reason_html, lead_inspectorate_code, timing, evidence_links,
                body_text, body_html, respondent_name, respondent_email, respondent_type,
                organisation_name, organisation_type, publication_consent, status_token_hash, protected_status_token, received_at, email_confirmed_at,
                attachment_text)
            VALUES (
                @roundId, @Kind, @ResponseTo, @AreaOfFocus, @WorkstreamId, @Stance,
                @Title, @Reason, @reasonHtml, @LeadCode, @Timing, @EvidenceLinks,
                @Text, @bodyHtml, @Name, @email, @RespondentType,
                @OrganisationName, @OrganisationType, @PublicationConsent, @statusTokenHash, @protectedStatusToken, @now, @confirmedAt,
                @attachmentText)
            RETURNING id
            """,
            new
            {
                roundId = programme.Round.Id,
                a.Kind,
                a.ResponseTo,
                a.AreaOfFocus,
                WorkstreamId = a.Workstream is { } slug ? programme.Workstreams.Single(w => w.Slug == slug).Id : (int?)null,
                a.Stance,
                Title = a.Title?.Trim(),
                a.Reason,
                reasonHtml,
                LeadCode = a.Lead == SubmissionChoices.DontKnow ? null : a.Lead,
                a.Timing,
                EvidenceLinks = a.EvidenceLinks is null ? null : string.Join('\n', a.EvidenceLinkList()),
                a.Text,
                bodyHtml,
                Name = a.Name!.Trim(),
                email,
                a.RespondentType,
                OrganisationName = a.OrganisationName?.Trim(),
                a.OrganisationType,
                a.PublicationConsent,
                statusTokenHash = LinkToken.Hash(statusToken),
                protectedStatusToken = statusLinks.Protect(statusToken),
                now,
                confirmedAt = emailVerified ? now : (DateTimeOffset?)null,
                attachmentText,
            },
            transaction);
        await AttachmentStore.MoveToSubmissionAsync(connection, transaction, draftId, id);

        // "I don't know" is stored as no rows: the codes below are the programme's, each a foreign key. A response asks
        // none of them, so its lists are empty.
        await connection.ExecuteAsync(
            "INSERT INTO submission_area_of_focus (submission_id, area_of_focus_code) VALUES (@id, @code)",
            a.AreasOfFocus.Where(code => code != SubmissionChoices.DontKnow).Distinct().Select(code => new { id, code }), transaction);
        await connection.ExecuteAsync(
            "INSERT INTO submission_cross_cutting_issue (submission_id, cross_cutting_issue_code) VALUES (@id, @code)",
            a.CrossCuttingIssues.Distinct().Select(code => new { id, code }), transaction);
        await connection.ExecuteAsync(
            "INSERT INTO submission_inspectorate (submission_id, inspectorate_code) VALUES (@id, @code)",
            a.Inspectorates.Where(code => code != SubmissionChoices.DontKnow).Distinct().Select(code => new { id, code }), transaction);

        var reference = SubmissionReference.Format(id);
        var name = a.Name.Trim();
        await outbox.AddAsync(connection, transaction, SubmissionEmails.Acknowledgement(
            id, reference, email, name, copyText, copyHtml,
            PortalPaths.Absolute(publicBase, PortalPaths.Status(statusToken)), emailVerified), now);
        if (!emailVerified)
        {
            var expiresAt = now + ConfirmationLifetime;
            await connection.ExecuteAsync(
                "INSERT INTO email_confirmation (token_hash, submission_id, expires_at) VALUES (@hash, @id, @expiresAt)",
                new { hash = LinkToken.Hash(confirmToken), id, expiresAt },
                transaction);
            await outbox.AddAsync(connection, transaction, SubmissionEmails.Confirmation(
                id, reference, email, name, PortalPaths.Absolute(publicBase, PortalPaths.ConfirmEmail(confirmToken)), expiresAt), now);
        }

        var saved = new SavedSubmission(id, reference, statusToken);
        if (claim is not null)
        {
            await idempotency.RecordAsync(connection, transaction, claim, saved, now);
        }

        return saved;
    }

    /// <summary>A submission that has passed the rules, with everything its rows need worked out.</summary>
    private sealed record ReadySubmission(
        SubmissionAnswers Answers, Programme.Programme Programme, Uri PublicBase, DateTimeOffset Now,
        string StatusToken, string ConfirmToken, string BodyHtml, string? ReasonHtml, string CopyText, string CopyHtml,
        IdempotencyClaim? Claim, bool EmailVerified, string? DraftId);
}
