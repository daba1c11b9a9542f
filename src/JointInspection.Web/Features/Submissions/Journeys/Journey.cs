namespace JointInspection.Web.Features.Submissions.Journeys;

/// <summary>
/// One of the two public form journeys: its address, the kind of submission it makes, and where each of
/// its steps lives. The steps and their order are <see cref="SubmissionQuestions.StepsFor"/>'s, so the pages
/// and the rules cannot drift apart.
/// </summary>
public sealed class Journey
{
    public static readonly Journey Respond = new("respond", SubmissionKind.Response, "Respond to the draft programme");

    public static readonly Journey Suggest = new("suggest", SubmissionKind.Suggestion, "Suggest a topic");

    private Journey(string slug, string kind, string name) => (Slug, Kind, Name) = (slug, kind, name);

    /// <summary>The first segment of every page's address: "respond" or "suggest".</summary>
    public string Slug { get; }

    /// <summary>The kind of submission it makes, as <see cref="SubmissionAnswers.Kind"/>.</summary>
    public string Kind { get; }

    /// <summary>Shown as the caption above each page's heading.</summary>
    public string Name { get; }

    public IReadOnlyList<SubmissionStep> Steps => SubmissionQuestions.StepsFor(Kind);

    public string CheckPath => $"/{Slug}/check";

    public string SentPath => $"/{Slug}/sent";

    /// <summary>Where "Save and come back later" asks for an email address, saving from <paramref name="step"/>.</summary>
    public string SavePath(SubmissionStep step) => $"/{Slug}/save?from={step}";

    /// <summary>"Check your email", once the link back has been sent.</summary>
    public string SavedPath => $"/{Slug}/saved";

    public static Journey? FromSlug(string? slug) => slug switch
    {
        "respond" => Respond,
        "suggest" => Suggest,
        _ => null,
    };

    public string PathOf(SubmissionStep step) => step switch
    {
        SubmissionStep.ResponseTarget => "/respond",
        SubmissionStep.Response => "/respond/response",
        SubmissionStep.SuggestionTopic => "/suggest",
        SubmissionStep.SuggestionScope => "/suggest/scope",
        SubmissionStep.SuggestionInspectorates => "/suggest/inspectorates",
        SubmissionStep.SuggestionTiming => "/suggest/timing",
        SubmissionStep.SuggestionEvidence => "/suggest/evidence",
        SubmissionStep.SupportingDocuments => $"/{Slug}/documents",
        SubmissionStep.AboutYou => $"/{Slug}/about-you",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "No page asks for this step."),
    };

    /// <summary>Where a "Change" link or an error on the check page sends a person: back to the step, then straight back to check.</summary>
    public string ChangePath(SubmissionStep step, string field) => $"{PathOf(step)}?returnTo=check#{field}";

    public string NextPath(SubmissionStep step)
    {
        var index = IndexOf(step);
        return index + 1 < Steps.Count ? PathOf(Steps[index + 1]) : CheckPath;
    }

    public string? PreviousPath(SubmissionStep step)
    {
        var index = IndexOf(step);
        return index > 0 ? PathOf(Steps[index - 1]) : null;
    }

    private int IndexOf(SubmissionStep step)
    {
        var steps = Steps;
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] == step)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(step), step, $"The {Slug} journey has no such step.");
    }
}
