using JointInspection.Web.Features.Programme;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Web.Features.Submissions.Journeys;

/// <summary>"Check your email": where the link went and when it stops working.</summary>
public sealed class SavedModel(DraftStore drafts, SubmissionIntake intake, ProgrammeReader programmes, SavedDrafts savedDrafts)
    : JourneyPageModel(drafts, intake, programmes)
{
    public string SentTo { get; private set; } = "";

    public DateTimeOffset ExpiresAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Drafts.IdOf(HttpContext) is not { } draftId || await savedDrafts.LatestLinkAsync(draftId, cancellationToken) is not { } link)
        {
            return Redirect(Journey.PathOf(Journey.Steps[0]));
        }

        (SentTo, ExpiresAt) = link;
        return Page();
    }
}
