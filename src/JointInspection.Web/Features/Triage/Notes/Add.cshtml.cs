using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage.Notes;

/// <summary>
/// Any member of staff adds an internal note to a submission. A note refused, or one the database cannot take just
/// now, comes back in the form as it was typed.
/// </summary>
public sealed partial class AddModel(SubmissionReader submissions, SubmissionNotes notes, ILogger<AddModel> logger) : PageModel
{
    public SubmissionRecord Submission { get; private set; } = null!;

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = NoteRules.Field)]
    public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken) =>
        await LoadAsync(reference, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        var (text, error) = NoteRules.Check(Note);
        if (text is null)
        {
            Errors[NoteRules.Field] = error!;
            return Page();
        }

        try
        {
            await notes.AddAsync(Submission.Id, text, User.Email()!, cancellationToken);
        }
        catch (Exception ex) when (StorageFaults.Is(ex))
        {
            NotStored(logger, ex);
            Errors[NoteRules.Field] = "The portal cannot save notes just now. Nothing was saved. Try again in a few minutes";
            StorageFaults.Refuse(Response);
            return Page();
        }

        TempData[Recommendations.RecommendModel.Done] = "Note added.";
        return Redirect(PortalPaths.Submission(Submission.Reference) + "#notes");
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        if (!SubmissionReference.TryParse(reference, out var id) || await submissions.ByIdAsync(id, cancellationToken) is not { } submission)
        {
            return false;
        }

        Submission = submission;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database could not take a note; the form was shown again with a 503.")]
    private static partial void NotStored(ILogger logger, Exception exception);
}
