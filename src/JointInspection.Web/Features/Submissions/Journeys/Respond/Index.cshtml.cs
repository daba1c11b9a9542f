using JointInspection.Web.Features.Programme;

namespace JointInspection.Web.Features.Submissions.Journeys.Respond;

public sealed class IndexModel(DraftStore drafts, SubmissionIntake intake, ProgrammeReader programmes)
    : JourneyStepModel(drafts, intake, programmes)
{
    public override SubmissionStep PageStep => SubmissionStep.ResponseTarget;

    protected override string? JourneySlug => Journey.Respond.Slug;

    /// <summary>A workstream page's "Respond to this workstream" link names it: start with it chosen.</summary>
    public override void OnGet()
    {
        if (Request.Query["workstream"].ToString() is { Length: > 0 } slug && Programme.Workstreams.Any(w => w.Slug == slug))
        {
            Answers.ResponseTo = "workstream";
            Answers.Workstream = slug;
        }
    }
}
