using System.Globalization;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Moderation;

/// <summary>
/// Staff decide what of one submission is published: as its respondent agreed, with passages redacted, or not at all
/// (withheld, with a reason). The public reads it only once the round's outcome is published. Every refusal comes
/// back with what was typed; a decision someone else changed meanwhile is not overwritten unseen.
/// </summary>
public sealed class ModerateModel(SubmissionReader submissions, ProgrammeReader programmes, ModerationStore moderation, UserText userText) : PageModel
{
    public const string Done = "moderation-done";

    public SubmissionRecord Submission { get; private set; } = null!;

    public IReadOnlyList<SummaryRow> Rows { get; private set; } = [];

    public ModerationRecord Moderation { get; private set; } = null!;

    public Rounds.ProgrammeRound Round { get; private set; } = null!;

    public bool Conflict { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = "Version")]
    public string? Version { get; set; }

    [BindProperty(Name = ModerationRules.WithheldReason)]
    public string? WithheldReason { get; set; }

    [BindProperty(Name = ModerationRules.WithheldNote)]
    public string? WithheldNote { get; set; }

    [BindProperty(Name = ModerationRules.Passage)]
    public string? Passage { get; set; }

    [BindProperty(Name = ModerationRules.RedactionReason)]
    public string? RedactionReason { get; set; }

    /// <summary>The redactions in force, as the public copy is made with them.</summary>
    public IReadOnlyList<string> InForce => [.. Moderation.Redactions.Where(r => r.InForce).Select(r => r.Passage)];

    /// <summary>A text as the public would read it: redacted, then rendered and sanitised as every user text is.</summary>
    public string PublicHtml(string text) => userText.ToSafeHtml(RedactedText.Apply(text, InForce));

    public string? PublicText(string? text) => RedactedText.Apply(text, InForce);

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        Version = Moderation.Version.ToString(CultureInfo.InvariantCulture);
        WithheldReason = Moderation.WithheldReason;
        WithheldNote = Moderation.WithheldNote;
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(string reference, CancellationToken cancellationToken) =>
        ChangeAsync(reference, id => moderation.PublishAsync(id, ReadVersion(), User.Email()!, cancellationToken),
            "Published as the respondent agreed", cancellationToken);

    public Task<IActionResult> OnPostWithholdAsync(string reference, CancellationToken cancellationToken) =>
        ChangeAsync(reference, id => moderation.WithholdAsync(id, ReadVersion(), WithheldReason, WithheldNote, User.Email()!, cancellationToken),
            "Withheld: nothing of it will be published", cancellationToken);

    public Task<IActionResult> OnPostRedactAsync(string reference, CancellationToken cancellationToken) =>
        ChangeAsync(reference, id => moderation.RedactAsync(id, Passage, RedactionReason, User.Email()!, cancellationToken),
            "Passage redacted: the public reads “[redacted]” in its place", cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(string reference, long redaction, CancellationToken cancellationToken) =>
        ChangeAsync(reference, id => moderation.RemoveRedactionAsync(id, redaction, User.Email()!, cancellationToken),
            "Redaction removed: the public reads the passage as written", cancellationToken);

    private async Task<IActionResult> ChangeAsync(string reference, Func<long, Task<ModerationChange>> change, string done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        var result = await change(Submission.Id);
        if (result.IsSaved)
        {
            TempData[Done] = done;
            return Redirect(PortalPaths.Moderate(Submission.Reference));
        }

        // The page shows moderation as it now stands; what was typed stays in the form.
        Moderation = await moderation.ReadAsync(Submission.Id, cancellationToken);
        Version = Moderation.Version.ToString(CultureInfo.InvariantCulture);
        Conflict = result.Conflict;
        foreach (var (field, message) in result.Errors)
        {
            Errors[field] = message;
        }

        Response.StatusCode = Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }

    private long ReadVersion() => long.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        if (!SubmissionReference.TryParse(reference, out var id) || await submissions.ByIdAsync(id, cancellationToken) is not { } submission)
        {
            return false;
        }

        Submission = submission;
        var programme = await programmes.ReadAsync(submission.RoundId, cancellationToken);
        Round = programme.Round;
        Rows = SubmissionSummary.Rows(submission.Answers, programme, submission.PersonalDataRemovedAt);
        Moderation = await moderation.ReadAsync(id, cancellationToken);
        return true;
    }
}
