using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace JointInspection.Web.Features.Submissions.Journeys;

/// <summary>
/// Asks where to send the link back to saved answers, then sends it. Sending an email to an address anyone may type
/// counts against the same per-address allowance as sending a submission.
/// </summary>
[EnableRateLimiting(SubmissionsApi.RateLimitPolicy)]
public sealed class SaveModel(
    DraftStore drafts, SubmissionIntake intake, ProgrammeReader programmes, SavedDrafts savedDrafts, PublicLinks links)
    : JourneyPageModel(drafts, intake, programmes)
{
    /// <summary>The question page the person saved on: the link brings them back to it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public SubmissionStep Step => Enum.TryParse<SubmissionStep>(From, out var step) && Journey.Steps.Contains(step) ? step : Journey.Steps[0];

    public string BackHref => Journey.PathOf(Step);

    public IActionResult OnGet()
    {
        if (Drafts.IdOf(HttpContext) is null)
        {
            return Redirect(Journey.PathOf(Journey.Steps[0]));
        }

        Email = Answers.Email ?? (User.SignedInAs(PortalAuthentication.StakeholderScheme) ? User.Email() : null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (SubmissionRules.EmailError(Email) is { } error)
        {
            ShowErrors(new Dictionary<string, string> { ["email"] = error });
            return Page();
        }

        // Null when the draft has gone (sent in another tab, or too old): its first page says what there is to do.
        var saved = Drafts.IdOf(HttpContext) is { } draftId
            ? await savedDrafts.SaveAsync(draftId, Journey.Kind, Email!.Trim(), Step, Programme.Round, links.BaseFor(Request), cancellationToken)
            : null;
        return Redirect(saved is null ? Journey.PathOf(Journey.Steps[0]) : Journey.SavedPath);
    }
}
