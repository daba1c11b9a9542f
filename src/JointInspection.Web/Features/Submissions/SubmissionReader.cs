using Dapper;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Submissions;

/// <summary>A stored submission as its respondent sees it again: their answers, rendered texts and where it has got to.</summary>
public sealed record SubmissionRecord(
    long Id,
    long RoundId,
    string Reference,
    string Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? EmailConfirmedAt,
    SubmissionAnswers Answers,
    string BodyHtml,
    string? ReasonHtml,
    DateTimeOffset? PersonalDataRemovedAt = null)
{
    public bool IsSuggestion => Answers.Kind == SubmissionKind.Suggestion;
}

public sealed class SubmissionReader(Database database)
{
    public Task<SubmissionRecord?> ByStatusTokenAsync(string token, CancellationToken cancellationToken) =>
        ReadAsync("status_token_hash = @hash", new { hash = LinkToken.Hash(token) }, cancellationToken);

    /// <summary>For staff, who find a submission by its reference.</summary>
    public Task<SubmissionRecord?> ByIdAsync(long id, CancellationToken cancellationToken) =>
        ReadAsync("id = @id", new { id }, cancellationToken);

    private async Task<SubmissionRecord?> ReadAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            $"""
            SELECT id, round_id AS RoundId, status, received_at AS ReceivedAt, email_confirmed_at AS EmailConfirmedAt,
                   body_html AS BodyHtml, reason_html AS ReasonHtml, personal_data_removed_at AS PersonalDataRemovedAt
              FROM submission WHERE {where}
            """,
            parameters);
        if (row is null)
        {
            return null;
        }

        // The answers come back in the shape they were given, so one summary serves the form and this page.
        await using var grid = await connection.QueryMultipleAsync(
            """
            SELECT s.kind, s.response_to AS ResponseTo, s.area_of_focus_code AS AreaOfFocus, w.slug AS Workstream,
                   s.stance, s.title, s.reason_text AS Reason, s.timing, s.evidence_links AS EvidenceLinks,
                   CASE s.kind WHEN @suggestion THEN coalesce(s.lead_inspectorate_code, @dontKnow) END AS Lead,
                   s.body_text AS Text, s.respondent_name AS Name, s.respondent_email AS Email,
                   s.respondent_type AS RespondentType, s.organisation_name AS OrganisationName,
                   s.organisation_type AS OrganisationType, s.publication_consent AS PublicationConsent
              FROM submission s LEFT JOIN workstream w ON w.id = s.workstream_id
             WHERE s.id = @Id;
            SELECT area_of_focus_code FROM submission_area_of_focus WHERE submission_id = @Id;
            SELECT cross_cutting_issue_code FROM submission_cross_cutting_issue WHERE submission_id = @Id;
            SELECT inspectorate_code FROM submission_inspectorate WHERE submission_id = @Id;
            """,
            new { row.Id, suggestion = SubmissionKind.Suggestion, dontKnow = SubmissionChoices.DontKnow });
        var answers = await grid.ReadSingleAsync<SubmissionAnswers>();
        answers.AreasOfFocus = (await grid.ReadAsync<string>()).ToList();
        answers.CrossCuttingIssues = (await grid.ReadAsync<string>()).ToList();
        answers.Inspectorates = (await grid.ReadAsync<string>()).ToList();

        return new SubmissionRecord(
            row.Id, row.RoundId, SubmissionReference.Format(row.Id), row.Status, row.ReceivedAt, row.EmailConfirmedAt, answers, row.BodyHtml, row.ReasonHtml,
            row.PersonalDataRemovedAt);
    }

    private sealed class Row
    {
        public long Id { get; set; }

        public long RoundId { get; set; }

        public string Status { get; set; } = "";

        public DateTimeOffset ReceivedAt { get; set; }

        public DateTimeOffset? EmailConfirmedAt { get; set; }

        public string BodyHtml { get; set; } = "";

        public string? ReasonHtml { get; set; }

        public DateTimeOffset? PersonalDataRemovedAt { get; set; }
    }
}
