using JointInspection.Web.Features.Attachments;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Features.Triage.Recommendations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage;

/// <summary>
/// One submission as every member of staff reads it, whatever they may do with it: what was sent, whether the email
/// is confirmed, its assessment (suggestions only), the secretariat's recommendation and the current decision, with the
/// next steps their role allows.
/// </summary>
public sealed class SubmissionModel(
    SubmissionReader submissions, ProgrammeReader programmes, AssessmentStore assessments, DecisionStore decisions,
    RecommendationStore recommendations, Notes.SubmissionNotes notes, Assignment.SubmissionAssignments assignments,
    Tags.TagStore tags, Retention.RetentionPeriod retention, AttachmentStore attachments) : PageModel
{
    /// <summary>When the respondent's personal data was or will be removed (Retention:Months after the round concludes).</summary>
    public string PersonalData { get; private set; } = "";

    public SubmissionRecord Submission { get; private set; } = null!;

    public IReadOnlyList<SummaryRow> Rows { get; private set; } = [];

    public AssessmentRecord? Assessment { get; private set; }

    public DecisionRecord? CurrentDecision { get; private set; }

    /// <summary>The current decision's agreement, party by party, when it needs one.</summary>
    public AgreementPanel? Agreement { get; private set; }

    /// <summary>The secretariat's recommendation in force, whatever its status.</summary>
    public RecommendationRecord? Recommendation { get; private set; }

    /// <summary>Who is working on it, if anyone.</summary>
    public Assignment.SubmissionAssignment? Assignment { get; private set; }

    /// <summary>Its tags, by name.</summary>
    public IReadOnlyList<Tags.Tag> Tags { get; private set; } = [];

    /// <summary>The respondent's files, staff-only.</summary>
    public IReadOnlyList<AttachmentListing> Files { get; private set; } = [];

    /// <summary>The staff's internal notes, newest first.</summary>
    public IReadOnlyList<Notes.SubmissionNote> Notes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!SubmissionReference.TryParse(reference, out var id) || await submissions.ByIdAsync(id, cancellationToken) is not { } submission)
        {
            return NotFound();
        }

        Submission = submission;
        var programme = await programmes.ReadAsync(submission.RoundId, cancellationToken);
        Rows = SubmissionSummary.Rows(submission.Answers, programme, submission.PersonalDataRemovedAt);
        PersonalData = retention.ForStaff(submission.PersonalDataRemovedAt, programme.Round.ConcludedAt);
        Assessment = submission.IsSuggestion ? await assessments.ReadAsync(id, cancellationToken) : null;
        CurrentDecision = await decisions.CurrentAsync(id, cancellationToken);
        Agreement = CurrentDecision is { Agreement: not null } current
            ? AgreementPanel.For(current, await decisions.AgreementsAsync(id, current.Version, cancellationToken), programme.Inspectorates)
            : null;
        Recommendation = await recommendations.CurrentAsync(id, cancellationToken);
        Notes = await notes.ListAsync(id, cancellationToken);
        Assignment = await assignments.OfAsync(id, cancellationToken);
        Tags = await tags.OfAsync(id, cancellationToken);
        Files = await attachments.OfSubmissionAsync(id, cancellationToken);
        return Page();
    }
}
