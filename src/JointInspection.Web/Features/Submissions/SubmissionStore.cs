using Dapper;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;

namespace JointInspection.Web.Features.Submissions;

public sealed record SavedSubmission(long Id, string Reference, string StatusToken);

/// <summary>
/// Writes a valid submission, its links, its email-confirmation token and its two emails in one
/// BEGIN IMMEDIATE transaction: all of it is stored, or none of it.
/// </summary>
public sealed class SubmissionStore(Database database, Outbox outbox, UserText userText, TimeProvider clock)
{
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromDays(7);

    public async Task<SavedSubmission> SaveAsync(
        SubmissionAnswers a, Programme.Programme programme, long consultationId, Uri publicBase, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var statusToken = LinkToken.New();
        var confirmToken = LinkToken.New();
        var bodyHtml = userText.ToSafeHtml(a.Text);
        var reasonHtml = a.Kind == "suggestion" ? userText.ToSafeHtml(a.Reason) : null;
        var organisation = a.RespondentType == "organisation";
        var email = a.Email!.Trim();
        // Built before the write starts: the process has one writer at a time, so its turn is kept to the writing.
        var copyText = SubmissionSummary.AsText(a, programme);
        var copyHtml = SubmissionSummary.AsHtml(a, programme, bodyHtml, reasonHtml);

        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO submission (
                consultation_id, kind, response_to, area_of_focus_code, workstream_id, stance,
                title, reason_text, reason_html, lead_inspectorate_code, timing, evidence_links,
                body_text, body_html, respondent_name, respondent_email, respondent_type,
                organisation_name, organisation_type, publication_consent, status_token_hash, received_at)
            VALUES (
                @consultationId, @Kind, @ResponseTo, @AreaOfFocus, @WorkstreamId, @Stance,
                @Title, @Reason, @reasonHtml, @LeadCode, @Timing, @EvidenceLinks,
                @Text, @bodyHtml, @Name, @email, @RespondentType,
                @OrganisationName, @OrganisationType, @PublicationConsent, @statusTokenHash, @now)
            RETURNING id
            """,
            new
            {
                consultationId,
                a.Kind,
                ResponseTo = a.Kind == "response" ? a.ResponseTo : null,
                AreaOfFocus = a.ResponseTo == "area-of-focus" ? a.AreaOfFocus : null,
                WorkstreamId = a.ResponseTo == "workstream" ? programme.Workstreams.Single(w => w.Slug == a.Workstream).Id : (int?)null,
                Stance = a.Kind == "response" ? a.Stance : null,
                Title = a.Kind == "suggestion" ? a.Title!.Trim() : null,
                Reason = a.Kind == "suggestion" ? a.Reason : null,
                reasonHtml,
                LeadCode = a.Kind == "suggestion" && a.Lead != SubmissionChoices.DontKnow ? a.Lead : null,
                Timing = a.Kind == "suggestion" ? a.Timing : null,
                EvidenceLinks = a.Kind == "suggestion" ? string.Join('\n', a.EvidenceLinkList()) : null,
                a.Text,
                bodyHtml,
                Name = a.Name!.Trim(),
                email,
                a.RespondentType,
                OrganisationName = organisation ? a.OrganisationName!.Trim() : null,
                OrganisationType = organisation ? a.OrganisationType : null,
                a.PublicationConsent,
                statusTokenHash = LinkToken.Hash(statusToken),
                now,
            },
            transaction);

        if (a.Kind == "suggestion")
        {
            await connection.ExecuteAsync(
                "INSERT INTO submission_area_of_focus (submission_id, area_of_focus_code) VALUES (@id, @code)",
                a.AreasOfFocus.Distinct().Select(code => new { id, code }), transaction);
            await connection.ExecuteAsync(
                "INSERT INTO submission_cross_cutting_issue (submission_id, cross_cutting_issue_code) VALUES (@id, @code)",
                a.CrossCuttingIssues.Distinct().Select(code => new { id, code }), transaction);
            await connection.ExecuteAsync(
                "INSERT INTO submission_inspectorate (submission_id, inspectorate_code) VALUES (@id, @code)",
                a.Inspectorates.Distinct().Select(code => new { id, code }), transaction);
        }

        var expiresAt = now + ConfirmationLifetime;
        await connection.ExecuteAsync(
            "INSERT INTO email_confirmation (token_hash, submission_id, expires_at) VALUES (@hash, @id, @expiresAt)",
            new { hash = LinkToken.Hash(confirmToken), id, expiresAt },
            transaction);

        var reference = SubmissionReference.Format(id);
        var name = a.Name.Trim();
        await outbox.AddAsync(connection, transaction, SubmissionEmails.Acknowledgement(
            id, reference, email, name, copyText, copyHtml,
            new Uri(publicBase, $"submissions/{statusToken}")), now);
        await outbox.AddAsync(connection, transaction, SubmissionEmails.Confirmation(
            id, reference, email, name, new Uri(publicBase, $"submissions/confirm/{confirmToken}"), expiresAt), now);

        await transaction.CommitAsync(cancellationToken);
        outbox.Committed();
        return new SavedSubmission(id, reference, statusToken);
    }
}
