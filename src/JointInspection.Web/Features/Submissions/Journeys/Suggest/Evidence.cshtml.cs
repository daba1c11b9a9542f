using JointInspection.Web.Features.Programme;

namespace JointInspection.Web.Features.Submissions.Journeys.Suggest;

public sealed class EvidenceModel(DraftStore drafts, SubmissionIntake intake, ProgrammeReader programmes)
    : JourneyStepModel(drafts, intake, programmes)
{
    public override SubmissionStep PageStep => SubmissionStep.SuggestionEvidence;

    protected override string? JourneySlug => Journey.Suggest.Slug;
}
