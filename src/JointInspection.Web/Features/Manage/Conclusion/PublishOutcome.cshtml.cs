using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Web.Features.Manage.Conclusion;

/// <summary>
/// The secretariat publishes the outcome once the programme is final, every outcome has reached its respondent and every
/// submission is moderated. That concludes the round: its outcome page and published responses appear.
/// </summary>
public sealed class PublishOutcomeModel(ProgrammeReader programmes, RoundConclusion conclusion, TimeProvider clock)
    : ConclusionPage(programmes, conclusion, clock)
{
    public async Task<IActionResult> OnGetAsync(string round, CancellationToken cancellationToken) =>
        await LoadAsync(round, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string round, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, cancellationToken))
        {
            return NotFound();
        }

        if (await Conclusion.PublishOutcomeAsync(Round.Id, User.Email()!, cancellationToken) is { } refusal)
        {
            return await RefusedAsync(round, refusal, cancellationToken);
        }

        TempData[RoundModel.Done] = $"The {Round.Label} outcome is published: the round is concluded";
        return Redirect(PortalPaths.ConcludeRound(Round.Code));
    }
}
