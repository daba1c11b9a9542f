using JointInspection.Web.Features.Programme;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Web.Features.Submissions.Journeys.Respond;

public sealed class IndexModel(DraftStore drafts, SubmissionIntake intake, ProgrammeReader programmes)
    : JourneyStepModel(drafts, intake, programmes)
{
    public override SubmissionStep PageStep => SubmissionStep.ResponseTarget;

    protected override string? JourneySlug => Journey.Respond.Slug;

    /// <summary>
    /// A workstream page's "Respond to this workstream" link has answered this page's question: record the
    /// answer and go straight on. The check page's Change link (returnTo=check) still asks it.
    /// </summary>
    public override async Task<IActionResult> OnGetAsync()
    {
        if (ReturningToCheck || Request.Query["workstream"].ToString() is not { Length: > 0 } slug
            || !Programme.Workstreams.Any(w => w.Slug == slug))
        {
            return Page();
        }

        (Answers.ResponseTo, Answers.AreaOfFocus, Answers.Workstream) = ("workstream", null, slug);
        await Drafts.SaveAsync(HttpContext, Answers);
        return Redirect($"{Journey.NextPath(PageStep)}?from=workstream");
    }
}
