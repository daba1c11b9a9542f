namespace JointInspection.Web.Features.Submissions;

/// <summary>The parts of a journey, each asked on its own page and all of them checked before sending.</summary>
public enum SubmissionStep
{
    ResponseTarget,
    Response,
    SuggestionTopic,
    /// <summary>Areas of focus and cross-cutting issues: what the topic concerns.</summary>
    SuggestionScope,
    /// <summary>Who should take part and who should lead: asked together, as the lead must be among them.</summary>
    SuggestionInspectorates,
    SuggestionTiming,
    SuggestionEvidence,
    /// <summary>Files attached (optional): they are not answers, but rows of submission_attachment held by the draft.</summary>
    SupportingDocuments,
    AboutYou,
}

/// <summary>
/// Which questions each kind of submission asks, in order, and which answers each question fills: the one place that
/// says what belongs to a response and what to a suggestion. The rules (<see cref="SubmissionRules"/>), the summary
/// (<see cref="SubmissionSummary"/>) and the pages go by step, so a new question is a step here, its rule, its rows
/// and its page.
/// </summary>
public static class SubmissionQuestions
{
    public static IReadOnlyList<SubmissionStep> StepsFor(string? kind) => kind switch
    {
        SubmissionKind.Response => [SubmissionStep.ResponseTarget, SubmissionStep.Response, SubmissionStep.SupportingDocuments, SubmissionStep.AboutYou],
        SubmissionKind.Suggestion =>
        [
            SubmissionStep.SuggestionTopic, SubmissionStep.SuggestionScope, SubmissionStep.SuggestionInspectorates,
            SubmissionStep.SuggestionTiming, SubmissionStep.SuggestionEvidence, SubmissionStep.SupportingDocuments, SubmissionStep.AboutYou,
        ],
        _ => [],
    };

    /// <summary>
    /// Takes only the answers that belong to <paramref name="step"/>, so that a page cannot overwrite another page's
    /// answers (or the kind) by posting extra fields. Answers revealed by a choice (the workstream, the organisation)
    /// are kept in a draft whatever is chosen, so changing one's mind and back loses nothing.
    /// </summary>
    public static void CopyStep(SubmissionStep step, SubmissionAnswers from, SubmissionAnswers to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        switch (step)
        {
            case SubmissionStep.ResponseTarget:
                (to.ResponseTo, to.AreaOfFocus, to.Workstream) = (from.ResponseTo, from.AreaOfFocus, from.Workstream);
                break;
            case SubmissionStep.Response:
                (to.Stance, to.Text) = (from.Stance, from.Text);
                break;
            case SubmissionStep.SuggestionTopic:
                (to.Title, to.Text, to.Reason) = (from.Title, from.Text, from.Reason);
                break;
            case SubmissionStep.SuggestionScope:
                to.AreasOfFocus = from.AreasOfFocus;
                to.CrossCuttingIssues = from.CrossCuttingIssues;
                break;
            case SubmissionStep.SuggestionInspectorates:
                (to.Inspectorates, to.Lead) = (from.Inspectorates, from.Lead);
                break;
            case SubmissionStep.SuggestionTiming:
                to.Timing = from.Timing;
                break;
            case SubmissionStep.SuggestionEvidence:
                to.EvidenceLinks = from.EvidenceLinks;
                break;
            case SubmissionStep.SupportingDocuments:
                break;
            case SubmissionStep.AboutYou:
                (to.Name, to.Email, to.RespondentType) = (from.Name, from.Email, from.RespondentType);
                (to.OrganisationName, to.OrganisationType, to.PublicationConsent) = (from.OrganisationName, from.OrganisationType, from.PublicationConsent);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, "No page asks for this step.");
        }
    }

    /// <summary>
    /// The answers its kind's questions ask for and nothing else, and a revealed answer only when its choice reveals it:
    /// what is stored, whatever else was sent.
    /// </summary>
    public static SubmissionAnswers OnlyAsked(SubmissionAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var asked = new SubmissionAnswers { Kind = answers.Kind };
        foreach (var step in StepsFor(answers.Kind))
        {
            CopyStep(step, answers, asked);
        }

        if (asked.ResponseTo != ResponseTargets.AreaOfFocus)
        {
            asked.AreaOfFocus = null;
        }

        if (asked.ResponseTo != ResponseTargets.Workstream)
        {
            asked.Workstream = null;
        }

        if (asked.RespondentType != "organisation")
        {
            (asked.OrganisationName, asked.OrganisationType) = (null, null);
        }

        return asked;
    }
}

/// <summary>What a response can be to.</summary>
public static class ResponseTargets
{
    public const string Programme = "programme";
    public const string AreaOfFocus = "area-of-focus";
    public const string Workstream = "workstream";
}
