using JointInspection.Web.Features.Programme;

namespace JointInspection.Web.Features.Submissions.Journeys.Respond;

public sealed class ResponseModel(DraftStore drafts, SubmissionIntake intake, ProgrammeReader programmes)
    : JourneyStepModel(drafts, intake, programmes)
{
    public override SubmissionStep PageStep => SubmissionStep.Response;

    protected override string? JourneySlug => Journey.Respond.Slug;

    /// <summary>Started from a workstream's page, which answered the first question: Back returns to that page.</summary>
    public override string BackHref =>
        !ReturningToCheck && Request.Query["from"] == "workstream" && Answers is { ResponseTo: "workstream", Workstream: { } slug }
            ? Web.Infrastructure.PortalPaths.Workstream(Programme.Round.Code, slug)
            : base.BackHref;

    /// <summary>What the person chose on the first page, so the questions can name it.</summary>
    public string Subject => Answers.ResponseTo switch
    {
        "area-of-focus" => Programme.AreasOfFocus.FirstOrDefault(a => a.Code == Answers.AreaOfFocus)?.Name is { } area
            ? $"the area of focus “{area}”" : "the area of focus",
        "workstream" => Programme.Workstreams.FirstOrDefault(w => w.Slug == Answers.Workstream)?.Title is { } title
            ? $"the workstream “{title}”" : "the workstream",
        _ => "the draft programme",
    };
}
