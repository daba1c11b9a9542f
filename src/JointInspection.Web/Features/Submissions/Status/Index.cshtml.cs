using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Submissions.Status;

/// <summary>A submission's own page, reached only through the unguessable link in its receipt.</summary>
public sealed class IndexModel(RespondentViews views) : PageModel
{
    public RespondentView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (await views.ByStatusTokenAsync(token, cancellationToken) is not { } view)
        {
            return NotFound();
        }

        View = view;
        // The link is a secret: keep it out of other sites' logs.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return Page();
    }
}
