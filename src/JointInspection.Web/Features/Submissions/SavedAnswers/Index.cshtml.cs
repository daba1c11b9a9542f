using JointInspection.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace JointInspection.Web.Features.Submissions.SavedAnswers;

/// <summary>
/// The page a link back to saved answers opens. Following the link only shows it: the answers come back with the
/// button, as mail scanners open links in emails before people do and would otherwise use up a single-use link.
/// </summary>
[EnableRateLimiting(SubmissionsApi.RateLimitPolicy)]
public sealed class IndexModel(SavedDrafts savedDrafts, DraftStore drafts, SubmissionIntake intake, PublicLinks links) : PageModel
{
    public ReturnLink Link { get; private set; } = null!;

    public bool ConsultationOpen { get; private set; }

    /// <summary>This browser holds other answers in progress, which continuing puts aside.</summary>
    public bool ReplacesOtherAnswers { get; private set; }

    /// <summary>A new link has just been sent to the address the answers were saved under.</summary>
    public bool NewLinkSent { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        await ReadAsync(token, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (await intake.IsOpenAsync(cancellationToken) && await savedDrafts.UseAsync(token, cancellationToken) is { } returned)
        {
            drafts.Adopt(HttpContext, returned.DraftId);
            return Redirect(returned.Journey.PathOf(returned.Step));
        }

        // Used in another tab a moment ago, say, or the consultation has closed: the page says which.
        await ReadAsync(token, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostNewLinkAsync(string token, CancellationToken cancellationToken)
    {
        NewLinkSent = await intake.IsOpenAsync(cancellationToken) && await savedDrafts.ResendAsync(token, links.BaseFor(Request), cancellationToken);
        await ReadAsync(token, cancellationToken);
        return Page();
    }

    private async Task ReadAsync(string token, CancellationToken cancellationToken)
    {
        // The address holds the secret: keep it out of other sites' logs and out of caches.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers.CacheControl = "no-store";
        Link = await savedDrafts.CheckAsync(token, cancellationToken);
        if (Link.State == ReturnLinkState.Unknown)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        ConsultationOpen = await intake.IsOpenAsync(cancellationToken);
        ReplacesOtherAnswers = Link.State == ReturnLinkState.Ready && await drafts.HoldsOtherThanAsync(HttpContext, Link.DraftId!);
    }
}
