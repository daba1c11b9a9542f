using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Outcome;

/// <summary>
/// A concluded round's outcome, "you said, we did". Before the round concludes the address answers 404 with a page that
/// says the outcome is not published yet and when it is due, rather than a bare "page not found". Not output-cached: what
/// is published of a submission follows its moderation, which can change after the round concludes without moving the
/// programme's revision, and a cached copy could go on showing a passage since redacted.
/// </summary>
public sealed class IndexModel(OutcomeReader outcomes, TimeProvider clock) : PageModel
{
    public Rounds.ProgrammeRound Round { get; private set; } = null!;

    /// <summary>Null until the round concludes.</summary>
    public OutcomeReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(string round, CancellationToken cancellationToken)
    {
        var programme = await outcomes.ProgrammeAsync(round, cancellationToken);
        if (programme is null || !programme.Round.IsPublicAt(clock.GetUtcNow()))
        {
            return NotFound();
        }

        Round = programme.Round;
        if (Round.ConcludedAt is null)
        {
            NotYetPublished(HttpContext);
            return Page();
        }

        Report = await outcomes.ReadAsync(programme, cancellationToken);
        return Page();
    }

    /// <summary>A 404 that keeps the page's own words: the site's "page not found" would say less.</summary>
    internal static void NotYetPublished(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
    }
}
