using JointInspection.Web.Features.Programme;

namespace JointInspection.Web.Features.Submissions.Journeys.Suggest;

/// <summary>Areas of focus and cross-cutting issues: two views of what the topic is about, asked together.</summary>
public sealed class ScopeModel(DraftStore drafts, SubmissionIntake intake, ProgrammeReader programmes)
    : JourneyStepModel(drafts, intake, programmes)
{
    /// <summary>The "I don’t know" checkbox that stands apart from the rest, as GOV.UK's "none of these" does.</summary>
    public static readonly ChoiceItem DontKnow =
        new(SubmissionChoices.DontKnow, SubmissionChoices.DontKnowLabel) { DividerBefore = "or", Exclusive = true };

    public override SubmissionStep PageStep => SubmissionStep.SuggestionScope;

    protected override string? JourneySlug => Journey.Suggest.Slug;
}
