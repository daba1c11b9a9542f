using JointInspection.Web.Features.Moderation;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Triage.Decisions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Submissions.Status;

/// <summary>A submission's own page, reached only through the unguessable link in its receipt.</summary>
public sealed class IndexModel(SubmissionReader submissions, ProgrammeReader programmes, DecisionStore decisions, ModerationStore moderation) : PageModel
{
    /// <summary>Whether and how what they sent is published.</summary>
    public string Publication { get; private set; } = "";

    /// <summary>The round's outcome page, once it is published.</summary>
    public string? OutcomeUrl { get; private set; }

    /// <summary>The programme is still a draft: the chair has not finalised it.</summary>
    public bool DraftProgramme { get; private set; }

    public SubmissionRecord Submission { get; private set; } = null!;

    public IReadOnlyList<SummaryRow> Rows { get; private set; } = [];

    /// <summary>The decision released to the respondent, or null while none has been (undecided, or held back).</summary>
    public DecisionRecord? Decision { get; private set; }

    /// <summary>The released decision it replaced, when there was one.</summary>
    public DecisionRecord? Replaced { get; private set; }

    /// <summary>The status the respondent may see: nothing of a decision until it is released.</summary>
    public string Status { get; private set; } = SubmissionStatus.Received;

    /// <summary>
    /// The page of the workstream an accepted or merged suggestion went to, only while that workstream is in the
    /// programme: a link to a missing page would only mislead.
    /// </summary>
    public string? WorkstreamUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var submission = await submissions.ByStatusTokenAsync(token, cancellationToken);
        if (submission is null)
        {
            return NotFound();
        }

        Submission = submission;
        var programme = await programmes.ReadAsync(submission.RoundId, cancellationToken);
        Rows = SubmissionSummary.Rows(submission.Answers, programme);
        var released = (await decisions.HistoryAsync(submission.Id, cancellationToken)).Where(d => d.IsReleased).ToList();
        Decision = released.Count > 0 ? released[0] : null;
        Replaced = released.Count > 1 ? released[1] : null;
        Status = SubmissionStatus.ForRespondent(submission.Status, Decision is null ? null : DecisionOutcome.Status(Decision.Outcome));
        if (Decision is { Outcome: DecisionOutcome.Accept or DecisionOutcome.Merge, WorkstreamSlug: { } slug }
            && programme.Workstreams.FirstOrDefault(w => w.Slug == slug) is { } workstream)
        {
            WorkstreamUrl = workstream.Path;
        }

        var concluded = programme.Round.ConcludedAt is not null;
        Publication = PublicationWords.For(
            submission.IsSuggestion ? "suggestion" : "response", submission.Answers.PublicationConsent ?? "none",
            await moderation.ReadAsync(submission.Id, cancellationToken), concluded);
        OutcomeUrl = concluded ? Infrastructure.PortalPaths.Outcome(programme.Round.Code) : null;
        DraftProgramme = !programme.Round.IsFinalised;

        // The link is a secret: keep it out of other sites' logs.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return Page();
    }
}
