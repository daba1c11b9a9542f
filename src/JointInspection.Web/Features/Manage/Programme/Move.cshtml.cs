using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Manage.DraftProgramme;

/// <summary>
/// Moves a workstream one place up or down within its section. The round page's "Move up" and "Move down" buttons post
/// here: a draft's workstream moves at once; a published round's first asks why on this page, since the public's list
/// of changes says.
/// </summary>
public sealed class MoveModel(ProgrammeReader programmes, ProgrammeEditor editor, TimeProvider clock) : PageModel
{
    public const string Up = "up";
    public const string Down = "down";

    public ProgrammeRound Round { get; private set; } = null!;

    public WorkstreamCopy Workstream { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public bool ReasonNeeded => Round.IsPublicAt(Now);

    /// <summary>Why it cannot be moved (a concluded round, already first or last), or null.</summary>
    public string? Refusal { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = "direction", SupportsGet = true)]
    public string? Direction { get; set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    /// <summary>Set by this page's own form, so that a reason left out there is an error rather than a first visit.</summary>
    [BindProperty(Name = "confirm")]
    public bool Confirm { get; set; }

    public bool IsUp => Direction == Up;

    public async Task<IActionResult> OnGetAsync(string round, string slug, CancellationToken cancellationToken) =>
        await LoadAsync(round, slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string round, string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, slug, cancellationToken))
        {
            return NotFound();
        }

        if (Refusal is null && ReasonNeeded && !Confirm)
        {
            return Page();
        }

        var result = await editor.MoveAsync(round, slug, IsUp, Reason, User.Email()!, cancellationToken);
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
        if (Direction is not (Up or Down)
            || await programmes.ReadAsync(round, cancellationToken) is not { } programme
            || await editor.ReadAsync(programme.Round, slug, cancellationToken) is not { } workstream)
        {
            return false;
        }

        Round = programme.Round;
        Workstream = workstream;
        Now = clock.GetUtcNow();
        Refusal = RoundRules.ConcludedError(Round);
        return true;
    }
}
