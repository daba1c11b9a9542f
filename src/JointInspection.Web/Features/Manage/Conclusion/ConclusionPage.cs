using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Manage.Conclusion;

/// <summary>What the conclusion pages share: the round read by its code, its progress, and a refusal shown in place.</summary>
public abstract class ConclusionPage(ProgrammeReader programmes, RoundConclusion conclusion, TimeProvider clock) : PageModel
{
    public Features.Programme.Programme Programme { get; private set; } = null!;

    public ProgrammeRound Round => Programme.Round;

    public ConclusionProgress Progress { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    /// <summary>Why the step cannot be taken, when it was tried and refused.</summary>
    public string? Refusal { get; protected set; }

    protected RoundConclusion Conclusion => conclusion;

    protected async Task<bool> LoadAsync(string roundCode, CancellationToken cancellationToken)
    {
        if (await programmes.ReadAsync(roundCode, cancellationToken) is not { } programme)
        {
            return false;
        }

        Programme = programme;
        Progress = await conclusion.ProgressAsync(programme.Round.Id, cancellationToken);
        Now = clock.GetUtcNow();
        return true;
    }

    /// <summary>The page again with the refusal, as a conflict: the round is not in a state for the step.</summary>
    protected async Task<IActionResult> RefusedAsync(string roundCode, string refusal, CancellationToken cancellationToken)
    {
        await LoadAsync(roundCode, cancellationToken);
        Refusal = refusal;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    public ChiefInspector Chair => Programme.ChiefInspectors.First(c => c.IsChair);
}
