using System.Globalization;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage.Recommendations;

/// <summary>
/// A chief inspector rejects the secretariat's open recommendation, saying why: the secretariat reads the reason, the
/// respondent never does. The form names the version read, so a recommendation changed since is not rejected unseen;
/// a reason refused, or a conflict, comes back with what was typed.
/// </summary>
public sealed class RejectModel(SubmissionReader submissions, RecommendationStore recommendations) : PageModel
{
    public SubmissionRecord Submission { get; private set; } = null!;

    /// <summary>The recommendation in force, whatever its fate: only an open one can be rejected.</summary>
    public RecommendationRecord? Current { get; private set; }

    /// <summary>Set when the recommendation changed or was settled after this chief inspector read it: nothing was rejected.</summary>
    public bool Conflict { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = "Version")]
    public string? Version { get; set; }

    [BindProperty(Name = RecommendationPanel.ReasonField)]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        Version = Current?.Version.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        var (reason, error) = RejectionRules.Check(Reason);
        if (reason is null)
        {
            Errors[RecommendationPanel.ReasonField] = error!;
            return Page();
        }

        var version = long.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var read) ? read : 0;
        if (await recommendations.RejectAsync(Submission.Id, version, reason, User.Email()!, cancellationToken) is RecommendationResult.Conflict conflict)
        {
            // The reason typed stays; the version moves on, so sending again rejects the recommendation now shown.
            Conflict = true;
            Current = conflict.Current;
            Version = Current?.Version.ToString(CultureInfo.InvariantCulture);
            return Page();
        }

        TempData[RecommendModel.Done] = "Recommendation rejected. It no longer fills in the decision form or shows in the triage queue.";
        return Redirect(PortalPaths.Submission(Submission.Reference));
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        if (!SubmissionReference.TryParse(reference, out var id) || await submissions.ByIdAsync(id, cancellationToken) is not { } submission)
        {
            return false;
        }

        Submission = submission;
        Current = await recommendations.CurrentAsync(id, cancellationToken);
        return true;
    }
}
