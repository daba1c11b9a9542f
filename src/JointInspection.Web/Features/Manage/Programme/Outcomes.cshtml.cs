using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Manage.DraftProgramme;

/// <summary>
/// How a round's outcomes reach respondents, and their release. The secretariat chooses whether each outcome is emailed
/// as soon as its decision is final or all are held and released together (one announcement), and releases the held ones
/// here; each release's emails are then followed as the outbox sends them.
/// </summary>
public sealed class OutcomesModel(ProgrammeReader programmes, RoundStore rounds, DecisionStore decisions, PublicLinks links) : PageModel
{
    public ProgrammeRound Round { get; private set; } = null!;

    public RoundOutcomes Outcomes { get; private set; } = null!;

    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>The release mode as shown: the round's, or what was sent when it came back with an error.</summary>
    public string? ReleaseMode { get; private set; }

    public async Task<IActionResult> OnGetAsync(string round, CancellationToken cancellationToken)
    {
        return await LoadAsync(round, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostModeAsync(string round, [FromForm(Name = "releaseMode")] string? releaseMode, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, cancellationToken))
        {
            return NotFound();
        }

        var change = await rounds.SetReleaseModeAsync(Round.Code, releaseMode, User.Email()!, cancellationToken);
        if (!change.Saved)
        {
            ReleaseMode = releaseMode;
            return Refused(change.Errors, StatusCodes.Status400BadRequest);
        }

        TempData[RoundModel.Done] = releaseMode == ReleaseModes.Together
            ? "Outcomes will be held until you release them"
            : "Each outcome will be emailed as soon as its decision is final";
        return Redirect(PortalPaths.ManageOutcomes(Round.Code));
    }

    public async Task<IActionResult> OnPostReleaseAsync(string round, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, cancellationToken))
        {
            return NotFound();
        }

        var result = await decisions.ReleaseRoundAsync(Round, User.Email()!, links.BaseFor(Request), cancellationToken);
        if (result is ReleaseResult.Refused refused)
        {
            return Refused(new Dictionary<string, string> { ["release"] = refused.Message }, StatusCodes.Status409Conflict);
        }

        var released = (ReleaseResult.Released)result;
        TempData[RoundModel.Done] = $"{released.Outcomes} {(released.Outcomes == 1 ? "outcome" : "outcomes")} released: the emails are on their way";
        return Redirect(PortalPaths.ManageOutcomes(Round.Code));
    }

    private async Task<bool> LoadAsync(string roundCode, CancellationToken cancellationToken)
    {
        if (await programmes.ReadAsync(roundCode, cancellationToken) is not { } programme)
        {
            return false;
        }

        Round = programme.Round;
        ReleaseMode = Round.ReleaseMode;
        Outcomes = await decisions.RoundOutcomesAsync(Round.Id, cancellationToken);
        return true;
    }

    /// <summary>Nothing was changed: the page says why, and shows the round as it now stands.</summary>
    private PageResult Refused(IReadOnlyDictionary<string, string> errors, int status)
    {
        foreach (var (field, message) in errors)
        {
            Errors[field] = message;
        }

        Response.StatusCode = status;
        return Page();
    }
}
