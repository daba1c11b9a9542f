using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Submissions.Journeys;

/// <summary>
/// The confirmation after sending. What it shows comes from TempData, read once: a refresh or a
/// visit without sending has nothing to show, and goes to the start page.
/// </summary>
public sealed class SentModel : PageModel
{
    public Journey Journey { get; private set; } = null!;

    public string Reference { get; private set; } = "";

    public string StatusPath { get; private set; } = "";

    public string? Email { get; private set; }

    public IActionResult OnGet(string journey)
    {
        if (Journey.FromSlug(journey) is not { } sent
            || TempData[CheckModel.ReferenceKey] is not string reference
            || TempData[CheckModel.StatusTokenKey] is not string token)
        {
            return Redirect("/");
        }

        (Journey, Reference, StatusPath, Email) = (sent, reference, $"/submissions/{Uri.EscapeDataString(token)}", TempData[CheckModel.EmailKey] as string);
        // The page links to the secret status address: keep this page's address out of other sites' logs too.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
