using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Account;

/// <summary>One row of "Your submissions"; <c>What</c> (the title, or what it responds to) is null when it was not confirmed from this inbox.</summary>
/// <summary><c>StatusPath</c> is null when it was not confirmed from this inbox, or was sent before status tokens were kept.</summary>
public sealed record OwnSubmission(string Reference, string Kind, string? What, string Status, DateTimeOffset ReceivedAt, string? StatusPath)
{
    public bool ConfirmedByYou => What is not null;
}

/// <summary>
/// Everything sent with the signed-in stakeholder's verified email address. Anyone can type an address into a form,
/// so only submissions confirmed from that inbox show what they say; the others are listed, marked as not
/// confirmed by you, without the title or words someone else may have chosen.
/// </summary>
public sealed class YourSubmissionsModel(Database database, StatusLinks statusLinks) : PageModel
{
    public IReadOnlyList<OwnSubmission> Submissions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Kind, string? What, string Status, DateTimeOffset ReceivedAt, string? ProtectedStatusToken, string? Released)>(
            """
            SELECT s.id, s.kind,
                   CASE WHEN s.email_confirmed_at IS NULL THEN NULL
                        WHEN s.kind = @suggestion THEN s.title
                        ELSE CASE s.response_to WHEN 'workstream' THEN 'Response: ' || w.title
                                                WHEN 'area-of-focus' THEN 'Response: ' || a.name
                                                ELSE 'Response: the draft programme as a whole' END END,
                   s.status, s.received_at,
                   CASE WHEN s.email_confirmed_at IS NOT NULL THEN s.protected_status_token END,
                   (SELECT d.outcome FROM decision d WHERE d.submission_id = s.id AND d.released_at IS NOT NULL ORDER BY d.version DESC LIMIT 1)
              FROM submission s
              LEFT JOIN workstream w ON w.id = s.workstream_id
              LEFT JOIN area_of_focus a ON a.code = s.area_of_focus_code
             WHERE lower(s.respondent_email) = lower(@email)
             ORDER BY s.id DESC
            """,
            new { email = User.Email(), suggestion = JointInspection.Web.Features.Submissions.SubmissionKind.Suggestion });
        // The status page shows what was sent, so only submissions confirmed from this inbox link to it.
        Submissions = rows.Select(r => new OwnSubmission(
            SubmissionReference.Format(r.Id), r.Kind, r.What,
            SubmissionStatus.ForRespondent(r.Status, r.Released is null ? null : Triage.Decisions.DecisionOutcome.Status(r.Released)),
            r.ReceivedAt, statusLinks.PathFor(r.ProtectedStatusToken))).ToList();
    }
}
