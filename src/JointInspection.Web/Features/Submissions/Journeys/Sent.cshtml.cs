using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Submissions.Journeys;

/// <summary>
/// The confirmation after sending. It shows what this browser's sent draft made, so a refresh shows it again;
/// a visit from anywhere else has nothing to show, and goes to the start page.
/// </summary>
public sealed class SentModel(DraftStore drafts) : PageModel
{
    public Journey Journey { get; private set; } = null!;

    public string Reference { get; private set; } = "";

    public string StatusPath { get; private set; } = "";

    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync(string journey)
    {
        if (Journey.FromSlug(journey) is not { } kind || await drafts.FindSentAsync(HttpContext, kind.Kind) is not { } sent)
        {
            return Redirect("/");
        }

        (Journey, Reference, StatusPath, Email) = (kind, sent.Reference, sent.StatusPath, sent.Email);
        // The page links to the secret status address: keep this page's address out of other sites' logs too.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return Page();
    }

    /// <summary>Lets the sent draft go (the submission is unaffected), so the journey starts again empty.</summary>
    public async Task<IActionResult> OnPostStartAgainAsync(string journey)
    {
        if (Journey.FromSlug(journey) is not { } kind)
        {
            return NotFound();
        }

        await drafts.DiscardAsync(HttpContext);
        return Redirect(kind.PathOf(kind.Steps[0]));
    }
}
