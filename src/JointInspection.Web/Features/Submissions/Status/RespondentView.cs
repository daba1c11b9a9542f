using JointInspection.Web.Features.Moderation;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Triage.Decisions;

namespace JointInspection.Web.Features.Submissions.Status;

/// <summary>
/// A submission as its respondent may see it: what they sent, where it has got to, the decision released to them (and
/// the one it replaced), and whether and how it is published. The status page shows it; the "your data" page and its
/// downloads give it in full.
/// </summary>
public sealed record RespondentView(
    SubmissionRecord Submission,
    Programme.Programme Programme,
    IReadOnlyList<SummaryRow> Rows,
    DecisionRecord? Decision,
    DecisionRecord? Replaced,
    string Status,
    string? WorkstreamUrl,
    string Publication,
    string? OutcomeUrl)
{
    /// <summary>The programme is still a draft: the chair has not finalised it.</summary>
    public bool DraftProgramme => !Programme.Round.IsFinalised;
}

public sealed class RespondentViews(SubmissionReader submissions, ProgrammeReader programmes, DecisionStore decisions, ModerationStore moderation)
{
    /// <summary>The submission the status token belongs to, or null when it belongs to none.</summary>
    public async Task<RespondentView?> ByStatusTokenAsync(string token, CancellationToken cancellationToken)
    {
        var submission = await submissions.ByStatusTokenAsync(token, cancellationToken);
        if (submission is null)
        {
            return null;
        }

        var programme = await programmes.ReadAsync(submission.RoundId, cancellationToken);
        // Nothing of a decision reaches the respondent until it is released.
        var released = (await decisions.HistoryAsync(submission.Id, cancellationToken)).Where(d => d.IsReleased).ToList();
        var decision = released.Count > 0 ? released[0] : null;
        var status = SubmissionStatus.ForRespondent(submission.Status, decision is null ? null : DecisionOutcome.Status(decision.Outcome));
        // A link to a workstream no longer in the programme would only mislead.
        var workstreamUrl = decision is { Outcome: DecisionOutcome.Accept or DecisionOutcome.Merge, WorkstreamSlug: { } slug }
            ? programme.Workstreams.FirstOrDefault(w => w.Slug == slug)?.Path
            : null;
        var concluded = programme.Round.ConcludedAt is not null;
        var publication = PublicationWords.For(
            submission.IsSuggestion ? "suggestion" : "response", submission.Answers.PublicationConsent ?? "none",
            await moderation.ReadAsync(submission.Id, cancellationToken), concluded);
        return new RespondentView(
            submission, programme, SubmissionSummary.Rows(submission.Answers, programme), decision, released.Count > 1 ? released[1] : null,
            status, workstreamUrl, publication, concluded ? Infrastructure.PortalPaths.Outcome(programme.Round.Code) : null);
    }
}
