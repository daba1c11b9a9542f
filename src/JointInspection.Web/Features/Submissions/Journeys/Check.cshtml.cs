using JointInspection.Web.Features.Attachments;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace JointInspection.Web.Features.Submissions.Journeys;

/// <summary>One answer on the check page: plain text, or a long text already rendered to sanitised HTML.</summary>
public sealed record CheckRow(string Field, string Label, string Value, string? SafeHtml, string ChangeHref)
{
    /// <summary>Several lines, such as evidence links, keep their line breaks.</summary>
    public bool Multiline => Value.Contains('\n', StringComparison.Ordinal);
}

/// <summary>
/// Everything the person entered, with a way back to change each answer, and the one button that sends
/// it. Sending counts against the same per-address allowance as the API.
/// </summary>
[EnableRateLimiting(SubmissionsApi.RateLimitPolicy)]
public sealed class CheckModel(
    DraftStore drafts, SubmissionIntake intake, ProgrammeReader programmes, UserText userText, AttachmentStore attachments)
    : JourneyPageModel(drafts, intake, programmes)
{
    private IReadOnlyList<AttachmentListing> documents = [];

    public IReadOnlyList<CheckRow> Rows { get; private set; } = [];

    public string? BackHref => Journey.PathOf(Journey.Steps[^1]);

    /// <summary>The honeypot: hidden from people and assistive technology, so only a robot fills it in.</summary>
    [BindProperty]
    public string? Website { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        documents = await attachments.OfDraftAsync(Drafts.IdOf(HttpContext), cancellationToken);
        Rows = BuildRows();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Website))
        {
            var refused = Partial("_NotAccepted");
            refused.StatusCode = StatusCodes.Status400BadRequest;
            return refused;
        }

        // Keyed by the draft, so that two presses of Send that both got past the sent check still store one submission.
        var verifiedEmail = User.SignedInAs(PortalAuthentication.StakeholderScheme) ? User.Email() : null;
        var result = await Intake.SubmitAsync(
            Answers, Request, Drafts.SendClaim(HttpContext), verifiedEmail, Drafts.IdOf(HttpContext), cancellationToken);
        if (result.ConsultationClosed)
        {
            return ConsultationClosed();
        }

        if (result.Saved is not { } saved)
        {
            // Only someone who skipped a page (or whose draft expired) gets here: send them to each missing answer.
            ShowErrors(result.Errors.Select(e => new ErrorLink(e.Key, e.Value, Journey.ChangePath(StepOf(e.Key), e.Key))));
            documents = await attachments.OfDraftAsync(Drafts.IdOf(HttpContext), cancellationToken);
            Rows = BuildRows();
            return Page();
        }

        // The draft stays, marked sent: Back and refresh then show the reference, and it cannot be sent again.
        await Drafts.MarkSentAsync(HttpContext, saved);
        return Redirect(Journey.SentPath);
    }

    private SubmissionStep StepOf(string field) =>
        Journey.Steps.FirstOrDefault(step => SubmissionRules.Validate(Answers, Programme, step).ContainsKey(field), Journey.Steps[0]);

    /// <summary>The summary's rows, with the long texts placed after the last short answer from the same page.</summary>
    private List<CheckRow> BuildRows()
    {
        var summary = SubmissionSummary.Rows(Answers, Programme);
        var rows = new List<CheckRow>();
        foreach (var step in Journey.Steps)
        {
            rows.AddRange(summary.Where(r => r.Step == step).Select(r => new CheckRow(r.Field, r.Label, r.Value, null, Journey.ChangePath(step, r.Field))));
            rows.AddRange(LongTexts(step));
        }

        return rows;
    }

    private IEnumerable<CheckRow> LongTexts(SubmissionStep step)
    {
        CheckRow Row(string field, string label, string? text) =>
            new(field, label, text ?? "", userText.ToSafeHtml(text), Journey.ChangePath(step, field));

        switch (step)
        {
            case SubmissionStep.Response:
                yield return Row("text", "Your response", Answers.Text);
                break;
            case SubmissionStep.SuggestionTopic:
                yield return Row("text", "What the inspection should look at", Answers.Text);
                yield return Row("reason", "Why it matters", Answers.Reason);
                break;
            case SubmissionStep.SupportingDocuments:
                // Files are not answers: listed from the draft's attachments, one a line.
                var files = string.Join("\n", documents.Select(d => $"{d.FileName} ({d.Description})"));
                yield return new("file", "Supporting documents", files.Length > 0 ? files : "None", null, Journey.ChangePath(step, "file"));
                break;
        }
    }
}
