using Dapper;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Submissions;

/// <summary>A stored submission as its respondent sees it again: their answers, rendered texts and where it has got to.</summary>
public sealed record SubmissionRecord(
    long Id,
    string Reference,
    string Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? EmailConfirmedAt,
    SubmissionAnswers Answers,
    string BodyHtml,
    string? ReasonHtml);

public sealed class SubmissionReader(Database database)
{
    public async Task<SubmissionRecord?> ByStatusTokenAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            """
            SELECT s.id, s.kind, s.status, s.response_to AS ResponseTo, s.area_of_focus_code AS AreaOfFocus,
                   w.slug AS Workstream, s.stance, s.title, s.reason_text AS Reason, s.reason_html AS ReasonHtml,
                   coalesce(s.lead_inspectorate_code, 'dont-know') AS Lead, s.timing, s.evidence_links AS EvidenceLinks,
                   s.body_text AS Text, s.body_html AS BodyHtml, s.respondent_name AS Name, s.respondent_email AS Email,
                   s.respondent_type AS RespondentType, s.organisation_name AS OrganisationName,
                   s.organisation_type AS OrganisationType, s.publication_consent AS PublicationConsent,
                   s.received_at AS ReceivedAt, s.email_confirmed_at AS EmailConfirmedAt
              FROM submission s LEFT JOIN workstream w ON w.id = s.workstream_id
             WHERE s.status_token_hash = @hash
            """,
            new { hash = LinkToken.Hash(token) });
        if (row is null)
        {
            return null;
        }

        var answers = new SubmissionAnswers
        {
            Kind = row.Kind,
            ResponseTo = row.ResponseTo,
            AreaOfFocus = row.AreaOfFocus,
            Workstream = row.Workstream,
            Stance = row.Stance,
            Title = row.Title,
            Reason = row.Reason,
            Lead = row.Kind == "suggestion" ? row.Lead : null,
            Timing = row.Timing,
            EvidenceLinks = row.EvidenceLinks,
            Text = row.Text,
            Name = row.Name,
            Email = row.Email,
            RespondentType = row.RespondentType,
            OrganisationName = row.OrganisationName,
            OrganisationType = row.OrganisationType,
            PublicationConsent = row.PublicationConsent,
        };
        if (row.Kind == "suggestion")
        {
            var parameters = new { row.Id };
            answers.AreasOfFocus = (await connection.QueryAsync<string>("SELECT area_of_focus_code FROM submission_area_of_focus WHERE submission_id = @Id", parameters)).ToList();
            answers.CrossCuttingIssues = (await connection.QueryAsync<string>("SELECT cross_cutting_issue_code FROM submission_cross_cutting_issue WHERE submission_id = @Id", parameters)).ToList();
            answers.Inspectorates = (await connection.QueryAsync<string>("SELECT inspectorate_code FROM submission_inspectorate WHERE submission_id = @Id", parameters)).ToList();
        }

        return new SubmissionRecord(
            row.Id, SubmissionReference.Format(row.Id), row.Status, row.ReceivedAt, row.EmailConfirmedAt, answers, row.BodyHtml, row.ReasonHtml);
    }

    private sealed class Row
    {
        public long Id { get; set; }

        public string Kind { get; set; } = "";

        public string Status { get; set; } = "";

        public string? ResponseTo { get; set; }

        public string? AreaOfFocus { get; set; }

        public string? Workstream { get; set; }

        public string? Stance { get; set; }

        public string? Title { get; set; }

        public string? Reason { get; set; }

        public string? ReasonHtml { get; set; }

        public string? Lead { get; set; }

        public string? Timing { get; set; }

        public string? EvidenceLinks { get; set; }

        public string Text { get; set; } = "";

        public string BodyHtml { get; set; } = "";

        public string Name { get; set; } = "";

        public string Email { get; set; } = "";

        public string RespondentType { get; set; } = "";

        public string? OrganisationName { get; set; }

        public string? OrganisationType { get; set; }

        public string PublicationConsent { get; set; } = "";

        public DateTimeOffset ReceivedAt { get; set; }

        public DateTimeOffset? EmailConfirmedAt { get; set; }
    }
}
