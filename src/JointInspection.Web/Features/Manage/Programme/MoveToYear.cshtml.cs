using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Triage.Overview;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Manage.DraftProgramme;

/// <summary>
/// The secretariat moves a workstream that needs no one else's agreement (the plan's own work, or a proposal only one
/// criminal justice inspectorate takes part in) to the round's other programme year. The page first shows what the move
/// would leave each inspectorate, as the overview's scenario does, and saves nothing until it is confirmed; the save is
/// audited and, once the public reads the round, listed with its reason among the programme's changes. A joint proposal
/// is its lead's chief inspector's to move (Triage/Decisions/MoveProposal).
/// </summary>
public sealed class MoveToYearModel(ProgrammeReader programmes, ProgrammeEditor editor, RiskResourcesReader capacity, TimeProvider clock) : PageModel
{
    public Features.Programme.Programme Programme { get; private set; } = null!;

    public ProgrammeRound Round => Programme.Round;

    public WorkstreamCopy Workstream { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public bool ReasonNeeded => Round.IsPublicAt(Now);

    /// <summary>Why it cannot be moved here at all (a concluded round, no year, days in both years, a joint proposal), or null.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Set when the refusal is that it is a joint proposal: where its lead's chief inspector moves it.</summary>
    public string? ProposalPath { get; private set; }

    /// <summary>What the move would leave.</summary>
    public CapacityScenario? Scenario { get; private set; }

    /// <summary>The year the form moves it to: the round's other one.</summary>
    public string? Target { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = "to", SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    [BindProperty(Name = "overCapacityReason")]
    public string? OverCapacityReason { get; set; }

    /// <summary>The move would take an inspectorate whose days move over its capacity in the new year: a reason must be on record.</summary>
    public bool GoesOver => Scenario is { } scenario && scenario.Years.Any(y => y.Year == Target && y.Lines.Any(l => l.Change > 0 && l.IsOver));

    public async Task<IActionResult> OnGetAsync(string round, string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, slug, cancellationToken))
        {
            return NotFound();
        }

        if (Refusal is null && Errors.Count > 0)
        {
            // An address naming a year the workstream cannot move to: say which it can.
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string round, string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, slug, cancellationToken))
        {
            return NotFound();
        }

        var result = await editor.MoveToYearAsync(round, slug, To, Reason, OverCapacityReason, User.Email()!, cancellationToken);
        if (result.Saved)
        {
            TempData[RoundModel.Done] = result.Done;
            return Redirect(PortalPaths.ManageRound(round) + "#programme");
        }

        // The figures, and whether the round is public, as the refusal found them.
        Errors.Clear();
        await LoadAsync(round, slug, cancellationToken);
        Errors.Clear();
        Refusal ??= EditOutcome.Refusal(result, Errors, Response);
        if (Refusal is not null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(string round, string slug, CancellationToken cancellationToken)
    {
        if (await programmes.ReadAsync(round, cancellationToken) is not { } programme
            || await editor.ReadAsync(programme.Round, slug, cancellationToken) is not { } workstream)
        {
            return false;
        }

        Programme = programme;
        Workstream = workstream;
        Now = clock.GetUtcNow();
        var days = await editor.DaysAsync(workstream.Id, cancellationToken);
        var data = await capacity.ReadAsync(programme, cancellationToken);
        var movable = data.Scenario.Workstreams.FirstOrDefault(w => w.Slug == slug);
        Refusal = RoundRules.ConcludedError(Round)
            ?? (workstream.ProgrammeYear is null
                ? $"“{workstream.Title}” runs throughout {Round.Label}, so it has no other programme year to move to: to give it one, change the workstream"
                : null)
            ?? ProgrammeEditor.SplitDaysError(workstream, days);
        if (Refusal is null && movable is { NeedsAgreement: true })
        {
            Refusal = ProgrammeEditor.JointProposalMove(workstream, programme);
            ProposalPath = PortalPaths.MoveProposal(movable.OriginReference!) + $"?to={Uri.EscapeDataString(movable.MovesTo)}";
        }

        if (Refusal is not null)
        {
            return true;
        }

        // A year that is not the round's other one is named back, and the page offers the move to the one it can go to.
        var from = workstream.ProgrammeYear!;
        Target = Round.Years.First(y => y.Code != from).Code;
        if (To is not null && WorkstreamRules.MoveYearError(Round, from, To) is { } yearError)
        {
            Errors["to"] = yearError;
        }

        // Work holding no days is not among the scenario's choices, but moves all the same, changing no one's capacity.
        movable ??= new MovableWorkstream(slug, workstream.Title, workstream.IsFromSuggestion, from, Target, new Dictionary<string, int>(), workstream.OriginSubmissionId);
        Scenario = CapacityScenario.Of(data.Years, [], [movable]);
        return true;
    }
}
