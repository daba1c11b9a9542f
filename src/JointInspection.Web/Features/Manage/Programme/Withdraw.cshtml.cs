using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Manage.DraftProgramme;

/// <summary>
/// Withdrawing a workstream takes it out of the programme, so it is asked about first, on a page of its own that needs
/// no script. A proposed workstream is not withdrawn here: its decision owns it, and the page says where to revise that.
/// </summary>
public sealed class WithdrawModel(ProgrammeReader programmes, ProgrammeEditor editor, TimeProvider clock) : PageModel
{
    public ProgrammeRound Round { get; private set; } = null!;

    public WorkstreamCopy Workstream { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public bool ReasonNeeded => Round.IsPublicAt(Now);

    /// <summary>Why it cannot be withdrawn here at all (a concluded round, a proposed workstream), or null.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Where to go instead, for a proposed workstream: its decision.</summary>
    public string? DecisionPath => Workstream.OriginSubmissionId is { } origin ? PortalPaths.Decide(SubmissionReference.Format(origin)) : null;

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string round, string slug, CancellationToken cancellationToken) =>
        await LoadAsync(round, slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string round, string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, slug, cancellationToken))
        {
            return NotFound();
        }

        var result = await editor.WithdrawAsync(round, slug, Reason, User.Email()!, cancellationToken);
        if (result.Saved)
        {
            TempData[RoundModel.Done] = result.Done;
            return Redirect(PortalPaths.ManageRound(round) + "#programme");
        }

        await LoadAsync(round, slug, cancellationToken);
        Refusal = EditOutcome.Refusal(result, Errors, Response);
        return Page();
    }

    private async Task<bool> LoadAsync(string round, string slug, CancellationToken cancellationToken)
    {
        if (await programmes.ReadAsync(round, cancellationToken) is not { } programme
            || await editor.ReadAsync(programme.Round, slug, cancellationToken) is not { } workstream)
        {
            return false;
        }

        Round = programme.Round;
        Workstream = workstream;
        Now = clock.GetUtcNow();
        Refusal = RoundRules.ConcludedError(Round) ?? ProgrammeEditor.FromSuggestionError(workstream);
        return true;
    }
}
