using System.Text.Encodings.Web;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Email;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// The outcome email: one per decision. A revision says which decision it replaces, so a respondent who kept the
/// first email is not left with two that disagree.
/// </summary>
public static class DecisionEmails
{
    public const string OutcomePurpose = "outcome";

    public static OutgoingEmail Outcome(
        long submissionId, string reference, string kind, string? title, string email, string name,
        DecisionRecord decision, DecisionRecord? replaces, Uri? workstreamLink, Uri? statusLink = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var what = kind == SubmissionKind.Suggestion ? $"your suggestion “{title}”" : "your response to the draft programme";
        var outcome = InPlainWords(decision);
        var revised = replaces is null ? "" : $"This replaces our decision of {UkTime.Date(replaces.DecidedAt)}, which was: {InPlainWords(replaces)}";
        var link = workstreamLink is null ? "" : decision.Outcome == DecisionOutcome.Accept
            ? $"Read the proposed workstream in the draft programme: {workstreamLink}"
            : $"Read the workstream in the draft programme: {workstreamLink}";

        var text = string.Join("\n\n", new[]
        {
            $"Dear {name},",
            $"The chief inspectors have made a decision on {what} (reference {reference}).",
            revised,
            $"Decision: {outcome}",
            $"Their reasons:\n{decision.Rationale}",
            link,
            statusLink is null
                ? "You can also read the decision on your submission's page, through the link in the email we sent when you submitted."
                : $"Read the decision on your submission's page:\n{statusLink}",
        }.Where(p => p.Length > 0));

        var html = string.Join("\n", new[]
        {
            $"<p>Dear {Encode(name)},</p>",
            $"<p>The chief inspectors have made a decision on {Encode(what)} (reference <strong>{Encode(reference)}</strong>).</p>",
            revised.Length == 0 ? "" : $"<p><strong>{Encode(revised)}</strong></p>",
            $"<h2>Decision</h2><p>{Encode(outcome)}</p>",
            $"<h2>Their reasons</h2><p>{Encode(decision.Rationale).Replace("\n", "<br>", StringComparison.Ordinal)}</p>",
            workstreamLink is null ? "" : $"<p><a href=\"{Encode(workstreamLink.ToString())}\">{Encode(decision.Outcome == DecisionOutcome.Accept ? "Read the proposed workstream" : "Read the workstream")}</a> in the draft programme.</p>",
            // Submissions sent before status tokens were kept (migration 0015) have no link to give.
            statusLink is null
                ? "<p>You can also read the decision on your submission's page, through the link in the email we sent when you submitted.</p>"
                : $"<p><a href=\"{Encode(statusLink.ToString())}\">Read the decision on your submission's page</a>.</p>",
        }.Where(p => p.Length > 0));

        var subject = replaces is null ? $"Decision on {reference}" : $"Revised decision on {reference}";
        return new OutgoingEmail(OutcomePurpose, email, subject, text, html, submissionId);
    }

    /// <summary>Whether the respondent has been told, for staff: an outcome reaches them only when final and released.</summary>
    public static string RespondentTold(DecisionRecord decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.ReleasedAt is { } released ? $"Emailed on {UkTime.DateAndTime(released)}"
            : decision.IsFinal ? "Not yet: held until the round's outcomes are released"
            : "Not yet: awaiting agreement";
    }

    /// <summary>The decision as a respondent reads it, on the status page and in the email.</summary>
    public static string InPlainWords(DecisionRecord decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Outcome switch
        {
            DecisionOutcome.Accept => $"Accepted. It is now a proposed workstream in the draft programme: “{decision.WorkstreamTitle}”.",
            DecisionOutcome.Merge => $"Merged. It will be taken forward as part of the existing workstream “{decision.WorkstreamTitle}”.",
            DecisionOutcome.Defer => decision.DeferredTo == DecisionOutcome.NextProgramme
                ? "Deferred. It will be considered again for the next joint inspection programme."
                : $"Deferred. It will be considered again for the programme's second year, {Rounds.ProgrammeYear.LabelOf(decision.DeferredTo)}.",
            DecisionOutcome.Decline => "Declined. It will not be added to the programme.",
            DecisionOutcome.Noted => "Noted. The chief inspectors have read your response and taken it into account; it did not lead to a change in the programme.",
            DecisionOutcome.ProgrammeChanged => "The programme has been changed in the light of your response.",
            _ => decision.Outcome,
        };
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
