using JointInspection.Web.Features.Triage.Decisions;

namespace JointInspection.Web.Features.Triage.Recommendations;

/// <summary>
/// The decision page's hook into this slice. While the secretariat's recommendation is open, a chief inspector's form
/// starts from it, so taking it is one press and changing it is editing what is there; the form carries the
/// recommendation's version, and recording the decision marks that version taken in the decision's transaction.
/// </summary>
public static class DecisionFormStart
{
    /// <summary>The form field that carries the version of the recommendation the form started from.</summary>
    public const string Field = "recommendation";

    /// <summary>What the form says about the recommendation, with that field; rendered at the top of the decision form.</summary>
    public const string Partial = "/Features/Triage/Recommendations/_DecisionFormStart.cshtml";

    /// <summary>
    /// Whether the form in hand started from the open recommendation. Not when there is none, nor when the form was filled
    /// in before the secretariat saved the one open now: then the chief inspector is told, and nothing is marked taken.
    /// </summary>
    public static bool StartsFrom(RecommendationRecord? open, long? formStartedFrom) =>
        open is { IsOpen: true } && open.Version == formStartedFrom;

    /// <summary>
    /// Fills a freshly shown form from the open recommendation, if there is one. Open means no chief inspector has acted on
    /// it yet, so it comes before the current decision's fields too: a recommendation on a decided submission proposes a
    /// revision. Only accept names a workstream, so for other outcomes those fields keep what the suggestion (or the
    /// decision) gave them, ready should the chief inspector choose accept instead.
    /// </summary>
    public static void StartFromRecommendation(this DecideModel form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.Recommendation is not { IsOpen: true } recommended)
        {
            return;
        }

        form.RecommendationVersion = recommended.Version;
        form.Outcome = recommended.Outcome;
        form.Rationale = recommended.Rationale;
        form.MergeInto = recommended.MergeIntoSlug;
        form.DeferTo = recommended.DeferTo;
        form.OverCapacityReason = recommended.OverCapacityReason;
        if (recommended.Workstream is { } w)
        {
            form.Title = w.Title;
            form.Summary = w.Summary;
            form.Lead = w.Lead;
            form.Supporting = [.. w.Supporting];
            form.Partners = [.. w.Partners];
            form.AreasOfFocus = [.. w.AreasOfFocus];
            form.ProgrammeYear = w.ProgrammeYear;
            form.Kind = w.Kind;
        }
    }
}
