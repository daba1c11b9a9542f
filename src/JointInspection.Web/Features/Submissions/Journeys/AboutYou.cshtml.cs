using JointInspection.Web.Features.Programme;

namespace JointInspection.Web.Features.Submissions.Journeys;

/// <summary>The same questions end both journeys; the route says which journey's draft to use.</summary>
public sealed class AboutYouModel(DraftStore drafts, SubmissionIntake intake, ProgrammeReader programmes)
    : JourneyStepModel(drafts, intake, programmes)
{
    public override SubmissionStep PageStep => SubmissionStep.AboutYou;
}
