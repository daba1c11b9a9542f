using System.Globalization;
using JointInspection.Web.Features.Triage.Overview;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// The lead's chief inspector moves a joint proposal to the round's other programme year (/triage/{reference}/move).
/// The page shows what the move would leave each inspectorate, as the overview's scenario does, then the revised
/// decision's email as its respondent will get it, and saves nothing until it is proposed; proposing revises the decision (ProposalMover), so the other inspectorates taking part are asked to
/// agree again and the days are provisional in the new year until they do. What was typed stays on any refusal.
/// </summary>
public sealed class MoveProposalModel(ProposalMover mover, RiskResourcesReader capacity, PublicLinks links) : PageModel
{
    public ProposalToMove Proposal { get; private set; } = null!;

    /// <summary>Why this person cannot move it here (not a joint proposal, an objection, not its lead's chief inspector), or null.</summary>
    public string? Refusal { get; private set; }

    /// <summary>What the move would leave, in the round's other year (the one the form moves it to).</summary>
    public CapacityScenario? Scenario { get; private set; }

    /// <summary>Set once the move passed every rule: the revised decision's email, for the chief inspector to check before proposing it.</summary>
    public DecisionResult.Previewed? Preview { get; private set; }

    /// <summary>Set when the decision changed after this page was opened: what it is now.</summary>
    public DecisionRecord? ConflictWith { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = "version")]
    public string? Version { get; set; }

    [BindProperty(Name = "to", SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(Name = "rationale")]
    public string? Rationale { get; set; }

    [BindProperty(Name = "overCapacityReason")]
    public string? OverCapacityReason { get; set; }

    /// <summary>The inspectorates asked to agree again: every party but the lead, who agrees by proposing.</summary>
    public IReadOnlyList<string> OthersToAgree => [.. Proposal.Parties.Where(p => !p.IsLead).Select(p => Proposal.Name(p.InspectorateCode))];

    /// <summary>The move would take an inspectorate whose days move over its capacity in the new year: a reason must be on record.</summary>
    public bool GoesOver => Scenario is { } scenario && scenario.Years.Any(y => y.Year == Proposal.OtherYear && y.Lines.Any(l => l.Change > 0 && l.IsOver));

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        Version = Proposal.Current?.Version.ToString(CultureInfo.InvariantCulture);
        Rationale = Proposal.Current?.Rationale;
        if (Refusal is not null)
        {
            Response.StatusCode = RefusalStatus();
        }
        else if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        Errors.Clear();
        var parsedVersion = long.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : (long?)null;
        // The first send shows the revised decision's email; the move is proposed only from the preview's own button.
        var result = Request.Form["confirm"] == "yes"
            ? await mover.MoveAsync(Proposal, parsedVersion, To, Rationale, OverCapacityReason, User.Email()!, User.Inspectorate(), links.BaseFor(Request), cancellationToken)
            : await mover.PreviewAsync(Proposal, parsedVersion, To, Rationale, OverCapacityReason, User.Email()!, User.Inspectorate(), links.BaseFor(Request), cancellationToken);
        switch (result)
        {
            case DecisionResult.Previewed preview:
                Preview = preview;
                return Page();
            case DecisionResult.Saved:
                TempData[OverviewModel.Done] =
                    $"The move of “{Proposal.Proposed!.Title}” to {Features.Rounds.ProgrammeYear.LabelOf(To?.Trim())} is proposed. "
                    + $"It awaits the agreement of {string.Join(" and ", OthersToAgree)}; until then its days are provisional in {Features.Rounds.ProgrammeYear.LabelOf(To?.Trim())}.";
                return Redirect($"{PortalPaths.Overview(Proposal.Round.Code)}#capacity");
            case DecisionResult.Conflict conflict:
                // What this person typed stays; the version moves on to the decision now current, so proposing again revises it knowingly.
                await LoadAsync(reference, cancellationToken);
                Errors.Clear();
                ConflictWith = conflict.Current;
                Version = conflict.Current?.Version.ToString(CultureInfo.InvariantCulture);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case DecisionResult.Invalid invalid:
                await LoadAsync(reference, cancellationToken);
                Errors.Clear();
                foreach (var (field, message) in invalid.Errors)
                {
                    if (field == ProposalMover.Whole)
                    {
                        Refusal ??= message;
                    }
                    else
                    {
                        Errors[field] = message;
                    }
                }

                Response.StatusCode = Refusal is not null ? RefusalStatus() : StatusCodes.Status400BadRequest;
                return Page();
            default:
                throw new InvalidOperationException("Every decision result is saved, a conflict or invalid.");
        }
    }

    /// <summary>Back from the preview to the form, with everything as it was typed.</summary>
    public async Task<IActionResult> OnPostChangeAsync(string reference, CancellationToken cancellationToken) =>
        await LoadAsync(reference, cancellationToken) ? Page() : NotFound();

    /// <summary>403 for a chief inspector who is not the lead's; 409 when the proposal's state refuses the move.</summary>
    private int RefusalStatus() => Proposal.Refusal is null ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        if (await mover.ReadAsync(reference, cancellationToken) is not { } proposal)
        {
            return false;
        }

        Proposal = proposal;
        Refusal = proposal.RefusalFor(User.Inspectorate());
        if (Refusal is not null)
        {
            return true;
        }

        // A year that is not the round's other one is named back, and the page offers the move to the one it can go to.
        var from = proposal.Proposed!.ProgrammeYear!;
        if (To is not null && Features.Programme.WorkstreamRules.MoveYearError(proposal.Round, from, To) is { } yearError)
        {
            Errors["to"] = yearError;
        }

        var data = await capacity.ReadAsync(proposal.Programme, cancellationToken);
        // A proposal whose inspectorates were assessed for no days is not among the scenario's choices: it moves all the same.
        var movable = data.Scenario.Workstreams.FirstOrDefault(w => w.Slug == proposal.Proposed.Slug)
            ?? new MovableWorkstream(
                proposal.Proposed.Slug, proposal.Proposed.Title, true, from, proposal.OtherYear!, new Dictionary<string, int>(), proposal.Submission.Id,
                proposal.Current!.Agreement, proposal.Lead, [.. proposal.Parties.Select(p => p.InspectorateCode)]);
        Scenario = CapacityScenario.Of(data.Years, [], [movable]);
        return true;
    }
}
