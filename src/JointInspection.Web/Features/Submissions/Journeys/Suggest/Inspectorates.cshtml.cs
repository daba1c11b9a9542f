using JointInspection.Web.Features.Programme;

namespace JointInspection.Web.Features.Submissions.Journeys.Suggest;

/// <summary>Who takes part and who leads share a page: the lead must be one of them, and this page can put that right.</summary>
public sealed class InspectoratesModel(DraftStore drafts, SubmissionIntake intake, ProgrammeReader programmes)
    : JourneyStepModel(drafts, intake, programmes)
{
    public override SubmissionStep PageStep => SubmissionStep.SuggestionInspectorates;

    protected override string? JourneySlug => Journey.Suggest.Slug;

    /// <summary>All the bodies that could take part, the criminal justice inspectorates first.</summary>
    public IEnumerable<ChoiceItem> Bodies => Programme.Inspectorates
        .OrderByDescending(i => i.IsCriminalJustice)
        .Select(Item)
        .Append(ScopeModel.DontKnow);

    /// <summary>Only a criminal justice inspectorate leads a joint inspection.</summary>
    public IEnumerable<ChoiceItem> Leads => Programme.Inspectorates
        .Where(i => i.IsCriminalJustice)
        .Select(Item)
        .Append(new ChoiceItem(SubmissionChoices.DontKnow, SubmissionChoices.DontKnowLabel) { DividerBefore = "or" });

    private static ChoiceItem Item(Inspectorate inspectorate) =>
        new(inspectorate.Code, inspectorate.FullName);
}
