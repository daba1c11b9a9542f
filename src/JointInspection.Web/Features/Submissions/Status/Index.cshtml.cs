using JointInspection.Web.Features.Programme;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Submissions.Status;

/// <summary>A submission's own page, reached only through the unguessable link in its receipt.</summary>
public sealed class IndexModel(SubmissionReader submissions, ProgrammeReader programmes) : PageModel
{
    public SubmissionRecord Submission { get; private set; } = null!;

    public IReadOnlyList<SummaryRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var submission = await submissions.ByStatusTokenAsync(token, cancellationToken);
        if (submission is null)
        {
            return NotFound();
        }

        Submission = submission;
        Rows = SubmissionSummary.Rows(submission.Answers, await programmes.ReadAsync(cancellationToken));
        // The link is a secret: keep it out of other sites' logs.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return Page();
    }
}
