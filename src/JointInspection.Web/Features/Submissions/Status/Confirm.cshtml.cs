using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Submissions.Status;

/// <summary>
/// Confirming takes a button press, not just opening the link: mail scanners open links in emails, and
/// must not use up a single-use link on the respondent's behalf.
/// </summary>
public sealed class ConfirmModel(EmailConfirmations confirmations) : PageModel
{
    public ConfirmationState State { get; private set; }

    public string Reference { get; private set; } = "";

    public bool JustConfirmed { get; private set; }

    /// <summary>The submission's status page, or null for one sent before status tokens were kept.</summary>
    public string? StatusPath { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await ShowAsync(token, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        JustConfirmed = await confirmations.ConfirmAsync(token, cancellationToken);
        return await ShowAsync(token, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string token, CancellationToken cancellationToken)
    {
        var (state, reference, statusPath) = await confirmations.CheckAsync(token, cancellationToken);
        if (state == ConfirmationState.Unknown)
        {
            return NotFound();
        }

        (State, Reference, StatusPath) = (state, reference!, statusPath);
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return Page();
    }
}
