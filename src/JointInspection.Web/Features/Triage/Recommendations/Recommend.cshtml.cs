using System.Globalization;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Web.Features.Triage.Recommendations;

/// <summary>
/// A secretariat officer's recommendation on one submission: the decision form's fields under the decision's rules,
/// saved as a draft for the chief inspectors. Everything typed is kept through errors and through someone else saving
/// first; nothing is sent to the respondent.
/// </summary>
public sealed class RecommendModel(
    SubmissionReader submissions, ProgrammeReader programmes, AssessmentStore assessments, DecisionStore decisions, RecommendationStore recommendations)
    : DecisionFormFields
{
    /// <summary>The TempData key of the banner the submission page shows once after a save or a rejection.</summary>
    public const string Done = "recommendation-done";

    public AssessmentRecord? Assessment { get; private set; }

    public DecisionRecord? CurrentDecision { get; private set; }

    /// <summary>The recommendation in force, which a save replaces.</summary>
    public RecommendationRecord? Current { get; private set; }

    /// <summary>Set when someone else saved a recommendation first: theirs is now the one this form replaces.</summary>
    public RecommendationRecord? ConflictWith { get; private set; }

    /// <summary>Set when the form named a version that never existed, so there was no one else's recommendation to show.</summary>
    public bool StaleVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        Show(Current);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        var request = new DecisionRequest(
            long.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null,
            Outcome,
            Rationale,
            Workstream(),
            MergeInto,
            DeferTo,
            OverCapacityReason);
        // The decision's own rules: a recommendation the chief inspectors take must be one they could record.
        var (recommendation, errors) = DecisionRules.Check(request, Submission.Answers.Kind ?? "", DecisionChoices.From(Programme));
        if (recommendation is null)
        {
            foreach (var (key, message) in errors)
            {
                Errors.TryAdd(DecideModel.FieldId(key), message);
            }

            return Page();
        }

        var result = await recommendations.SaveAsync(Submission.Id, recommendation, User.Email()!, cancellationToken);
        if (result is RecommendationResult.Conflict conflict)
        {
            // What this person typed stays; only the version moves on, so saving again replaces the one they now see.
            ConflictWith = conflict.Current;
            StaleVersion = conflict.Current is null;
            Current = conflict.Current;
            Version = (Current?.Version ?? 0).ToString(CultureInfo.InvariantCulture);
            return Page();
        }

        TempData[Done] = $"Recommendation saved: {RecommendationWords.Outcome(recommendation.Outcome)}. "
            + "The chief inspectors see it in the triage queue, and the decision form starts from it. The respondent is not told.";
        return Redirect(PortalPaths.Submission(Submission.Reference));
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        if (!SubmissionReference.TryParse(reference, out var id) || await submissions.ByIdAsync(id, cancellationToken) is not { } submission)
        {
            return false;
        }

        DecideOn(submission, await programmes.ReadAsync(submission.RoundId, cancellationToken));
        Assessment = submission.IsSuggestion ? await assessments.ReadAsync(id, cancellationToken) : null;
        CurrentDecision = await decisions.CurrentAsync(id, cancellationToken);
        Current = await recommendations.CurrentAsync(id, cancellationToken);
        return true;
    }

    /// <summary>
    /// Fills the form from the recommendation in force, whatever became of it, so changing it starts from what it says;
    /// the proposed workstream, until one is recommended, from the suggestion and its assessment, as the decision form does.
    /// </summary>
    private void Show(RecommendationRecord? current)
    {
        var answers = Submission.Answers;
        Version = (current?.Version ?? 0).ToString(CultureInfo.InvariantCulture);
        Outcome = current?.Outcome;
        Rationale = current?.Rationale;
        MergeInto = current?.MergeIntoSlug;
        DeferTo = current?.DeferTo;
        OverCapacityReason = current?.OverCapacityReason;
        if (current?.Workstream is { } recommended)
        {
            Title = recommended.Title;
            Summary = recommended.Summary;
            Lead = recommended.Lead;
            Supporting = [.. recommended.Supporting];
            Partners = [.. recommended.Partners];
            AreasOfFocus = [.. recommended.AreasOfFocus];
            ProgrammeYear = recommended.ProgrammeYear;
            Kind = recommended.Kind;
            return;
        }

        Title = answers.Title;
        Summary = answers.Text;
        Lead = CriminalJustice.Any(i => i.Code == answers.Lead) ? answers.Lead : null;
        Supporting = [.. answers.Inspectorates.Where(code => code != Lead && CriminalJustice.Any(i => i.Code == code))];
        Partners = [.. answers.Inspectorates.Where(code => PartnerBodies.Any(i => i.Code == code))];
        AreasOfFocus = [.. answers.AreasOfFocus];
        ProgrammeYear = Assessment?.Input.ProgrammeYear ?? (Programme.Round.HasYear(answers.Timing) ? answers.Timing : null);
        Kind = null;
    }
}
