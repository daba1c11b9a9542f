using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Account;

public sealed record OwnSubmission(string Reference, string Kind, string What, string Status, DateTimeOffset ReceivedAt);

/// <summary>Everything sent with the signed-in stakeholder's verified email address.</summary>
public sealed class YourSubmissionsModel(Database database) : PageModel
{
    public IReadOnlyList<OwnSubmission> Submissions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Kind, string What, string Status, DateTimeOffset ReceivedAt)>(
            """
            SELECT s.id, s.kind,
                   CASE s.kind WHEN 'suggestion' THEN s.title
                        ELSE CASE s.response_to WHEN 'workstream' THEN 'Response: ' || w.title
                                                WHEN 'area-of-focus' THEN 'Response: ' || a.name
                                                ELSE 'Response: the draft programme as a whole' END END,
                   s.status, s.received_at
              FROM submission s
              LEFT JOIN workstream w ON w.id = s.workstream_id
              LEFT JOIN area_of_focus a ON a.code = s.area_of_focus_code
             WHERE s.respondent_email = @email COLLATE NOCASE
             ORDER BY s.id DESC
            """,
            new { email = User.Email() });
        Submissions = rows.Select(r => new OwnSubmission(SubmissionReference.Format(r.Id), r.Kind, r.What, r.Status, r.ReceivedAt)).ToList();
    }
}
